// Errors raised by outbound HTTP: a stable code, a human message and a fix hint (never a stack for users).

export type NetErrorCode =
  | 'invalid_url'
  | 'unsupported_protocol'
  | 'blocked_address'
  | 'dns_failure'
  | 'timeout'
  | 'aborted'
  | 'connection_failed'
  | 'too_many_redirects'
  | 'bad_redirect'
  | 'decode_failed';

export class NetError extends Error {
  readonly code: NetErrorCode;
  readonly hint: string | undefined;

  constructor(code: NetErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetError';
    this.code = code;
    this.hint = hint;
  }
}

export function isNetError(value: unknown): value is NetError {
  return value instanceof NetError;
}
