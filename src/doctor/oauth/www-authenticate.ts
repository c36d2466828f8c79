// Reads the parameters of a `WWW-Authenticate: Bearer …` challenge (RFC 9110 §11.6.1 auth-params).

export interface BearerChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses the first challenge of a WWW-Authenticate value. Diagnostic only: doctor reports what it
 * finds, it does not make security decisions from it.
 */
export function parseChallenge(header: string): BearerChallenge | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = match[1]!;
  const params: Record<string, string> = {};
  const rest = match[2] ?? '';
  // name=token or name="quoted \" string", separated by commas.
  const param = /([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  let m: RegExpExecArray | null;
  while ((m = param.exec(rest)) !== null) {
    if (m[0] === '') break;
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}
