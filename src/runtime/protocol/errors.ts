// JSON-RPC and MCP error codes, and the ProtocolError value handlers throw to answer with one.

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
/** 2026-07-28: HTTP headers disagree with the body, or a required header is missing. */
export const HEADER_MISMATCH = -32020;
/** 2026-07-28: the request needs a client capability the client did not declare. */
export const MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
/** 2026-07-28: the requested protocol version is not one we serve. */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

/**
 * A failure answered as a JSON-RPC error. `httpStatus` is what Streamable HTTP sends with it
 * (stdio ignores it).
 */
export class ProtocolError extends Error {
  readonly code: number;
  readonly data: unknown;
  readonly httpStatus: number;

  constructor(code: number, message: string, options: { data?: unknown; httpStatus?: number } = {}) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.data = options.data;
    this.httpStatus = options.httpStatus ?? 200;
  }
}

export function isProtocolError(err: unknown): err is ProtocolError {
  return err instanceof ProtocolError;
}
