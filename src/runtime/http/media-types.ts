// Content-Type and Accept negotiation for the MCP endpoint.

/** True for application/json with any parameters (charset). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json';
}

export interface AcceptVerdict {
  readonly json: boolean;
  readonly sse: boolean;
}

/** What the client can take. A missing Accept accepts anything (RFC 9110). */
export function readAccept(value: string | undefined): AcceptVerdict {
  if (value === undefined || value.trim() === '') return { json: true, sse: true };
  let json = false;
  let sse = false;
  for (const part of value.split(',')) {
    const [rawType, ...params] = part.split(';');
    const type = rawType!.trim().toLowerCase();
    if (params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(p))) continue;
    if (type === '*/*') return { json: true, sse: true };
    if (type === 'application/json' || type === 'application/*') json = true;
    if (type === 'text/event-stream' || type === 'text/*') sse = true;
  }
  return { json, sse };
}
