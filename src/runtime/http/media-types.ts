// Content-Type and Accept negotiation for the MCP endpoint.

/** True for application/json with any parameters (charset). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  // The common exact spelling skips the split/trim/lower-case allocations.
  if (value === 'application/json') return true;
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json';
}

export interface AcceptVerdict {
  readonly json: boolean;
  readonly sse: boolean;
}

const ANYTHING: AcceptVerdict = Object.freeze({ json: true, sse: true });
// A client sends the same Accept on every request: parse each distinct value once (bounded).
const acceptCache = new Map<string, AcceptVerdict>();
const ACCEPT_CACHE_MAX = 64;

/** What the client can take. A missing Accept accepts anything (RFC 9110). */
export function readAccept(value: string | undefined): AcceptVerdict {
  if (value === undefined) return ANYTHING;
  let verdict = acceptCache.get(value);
  if (verdict === undefined) {
    verdict = Object.freeze(parseAccept(value));
    if (acceptCache.size >= ACCEPT_CACHE_MAX) acceptCache.clear();
    acceptCache.set(value, verdict);
  }
  return verdict;
}

function parseAccept(value: string): AcceptVerdict {
  if (value.trim() === '') return ANYTHING;
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
