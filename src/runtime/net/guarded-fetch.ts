// Outbound HTTP for tools, OAuth metadata fetching and module code: SSRF-guarded, size-capped,
// time-boxed, following redirects by hand so every hop is checked again.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { isIpLiteral, isPublicAddress, refusedAddress, stripBrackets } from './address-policy.js';
import { NetError, isNetError } from './errors.js';
import { guardedLookup, publicOnlyLookup, type AddressPolicy } from './guarded-lookup.js';

export interface GuardedRequestInit {
  /** Default GET. */
  readonly method?: string;
  readonly headers?: { readonly [name: string]: string };
  readonly body?: string | Uint8Array;
}

export interface GuardOptions {
  /** Allow loopback/private/link-local targets (SSRF guard off). Default false. */
  readonly allowPrivateNetwork?: boolean;
  /** Budget for the whole exchange: connect, redirects and reading the body. Default 10 000. */
  readonly timeoutMs?: number;
  /** Cap on the decoded body; beyond it the body is cut and `truncated` is set. Default 1 MiB. */
  readonly maxBytes?: number;
  /** Redirect hops followed before giving up. Default 5. */
  readonly maxRedirects?: number;
  /** false: hand 3xx responses back instead of following them. Default true. */
  readonly followRedirects?: boolean;
  readonly signal?: AbortSignal;
  /**
   * Replaces the public-only rule for which addresses may be reached (checked on every hop).
   * For tests and special deployments; such requests do not share pooled connections.
   */
  readonly addressPolicy?: AddressPolicy;
}

export interface GuardedResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: { readonly [name: string]: string };
  /** Final URL, after redirects. */
  readonly url: string;
  readonly redirects: number;
  /** Decoded (decompressed) body, at most maxBytes long. */
  readonly body: Buffer;
  readonly truncated: boolean;
  /** Media type without parameters, lower-case ('' when absent). */
  readonly mediaType: string;
  /** Body decoded with the charset the response declared (UTF-8 otherwise). */
  text(): string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that may follow a redirect to another origin; credentials and custom API-key
// headers stay behind so a redirect cannot leak them.
const CROSS_ORIGIN_SAFE_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'user-agent', 'content-type']);

// Separate pools for guarded and unguarded requests: a socket opened to a private address
// for an allowPrivateNetwork tool must never be reused by a guarded one.
const agents = {
  guarded: { http: new http.Agent({ keepAlive: true, timeout: 4_000 }), https: new https.Agent({ keepAlive: true, timeout: 4_000 }) },
  open: { http: new http.Agent({ keepAlive: true, timeout: 4_000 }), https: new https.Agent({ keepAlive: true, timeout: 4_000 }) },
};

/**
 * Fetches `url` with the SSRF guard on (unless allowPrivateNetwork): IP literals are checked
 * directly, host names through a lookup hook that checks every resolved address and pins the
 * socket to it. Resolves for any HTTP status; rejects with NetError for everything else.
 */
export async function guardedFetch(url: string | URL, init: GuardedRequestInit = {}, options: GuardOptions = {}): Promise<GuardedResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new ExchangeDeadline(timeoutMs, options.signal);
  try {
    let current = parseTarget(url);
    let method = (init.method ?? 'GET').toUpperCase();
    let headers = withDefaultHeaders(init.headers ?? {});
    let body = init.body;
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(current, method, headers, body, options, deadline);
      const location = res.raw.headers.location;
      if (!REDIRECT_STATUSES.has(res.raw.statusCode ?? 0) || !location || options.followRedirects === false) {
        return await readResponse(res.raw, current, hop, method, maxBytes, deadline);
      }
      res.raw.resume(); // discard the redirect's body so the socket can be reused
      if (hop >= maxRedirects) {
        throw new NetError('too_many_redirects', `Gave up after ${maxRedirects} redirects (last: ${redactUrl(current)}).`, 'Point the tool at the final URL.');
      }
      const next = resolveRedirect(location, current);
      const status = res.raw.statusCode ?? 0;
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers = dropHeader(headers, 'content-type');
      }
      if (next.origin !== current.origin) headers = keepCrossOriginSafe(headers);
      current = next;
    }
  } catch (err) {
    throw deadline.translate(err);
  } finally {
    deadline.dispose();
  }
}

function parseTarget(url: string | URL): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    throw new NetError('invalid_url', `Not a valid URL: ${truncate(String(url), 200)}.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NetError('unsupported_protocol', `Only http and https URLs can be fetched (got ${parsed.protocol}).`);
  }
  if (parsed.username || parsed.password) {
    throw new NetError('invalid_url', 'URLs with embedded credentials are not fetched.', 'Send credentials in a header instead.');
  }
  return parsed;
}

function resolveRedirect(location: string, base: URL): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    throw new NetError('bad_redirect', `Upstream redirected to an invalid URL: ${truncate(location, 200)}.`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new NetError('bad_redirect', `Upstream redirected to a ${next.protocol} URL, which is not followed.`);
  }
  if (next.username || next.password) {
    throw new NetError('bad_redirect', 'Upstream redirected to a URL with embedded credentials, which is not followed.');
  }
  if (base.protocol === 'https:' && next.protocol === 'http:') {
    throw new NetError('bad_redirect', 'Upstream redirected from https to plain http, which is not followed.');
  }
  return next;
}

interface OpenResponse {
  readonly raw: http.IncomingMessage;
}

function requestOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  options: GuardOptions,
  deadline: ExchangeDeadline,
): Promise<OpenResponse> {
  const guarded = options.allowPrivateNetwork !== true;
  const policy = options.addressPolicy ?? isPublicAddress;
  // IP literals never reach the lookup hook, so they are checked here.
  if (guarded && isIpLiteral(url.hostname) && !policy(stripBrackets(url.hostname))) throw refusedAddress(stripBrackets(url.hostname));
  const isHttps = url.protocol === 'https:';
  const pool = guarded ? agents.guarded : agents.open;
  // A custom policy gets a fresh connection: pooled sockets were checked under the default rule.
  const agent = options.addressPolicy && guarded ? false : isHttps ? pool.https : pool.http;
  const lookup = !guarded ? undefined : options.addressPolicy ? guardedLookup(options.addressPolicy) : publicOnlyLookup;
  const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  const finalHeaders = payload ? { ...headers, 'content-length': String(payload.byteLength) } : headers;
  return new Promise<OpenResponse>((resolve, reject) => {
    const req = (isHttps ? https : http).request(url, {
      method,
      headers: finalHeaders,
      agent,
      ...(lookup ? { lookup } : {}),
      signal: deadline.signal,
    });
    req.once('error', (err) => reject(err));
    req.once('response', (res) => resolve({ raw: res }));
    req.end(payload);
  });
}

async function readResponse(
  res: http.IncomingMessage,
  url: URL,
  redirects: number,
  method: string,
  maxBytes: number,
  deadline: ExchangeDeadline,
): Promise<GuardedResponse> {
  const status = res.statusCode ?? 0;
  const headers = flattenHeaders(res.headers);
  const noBody = method === 'HEAD' || status === 204 || status === 304;
  const { body, truncated } = noBody ? (res.resume(), { body: Buffer.alloc(0), truncated: false }) : await readCapped(res, headers['content-encoding'], maxBytes, deadline);
  const contentType = headers['content-type'] ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return {
    status,
    statusText: res.statusMessage ?? '',
    headers,
    url: url.href,
    redirects,
    body,
    truncated,
    mediaType,
    text: () => decodeText(body, contentType),
  };
}

/** Reads (and decompresses) at most maxBytes, then stops the transfer. */
function readCapped(res: http.IncomingMessage, encoding: string | undefined, maxBytes: number, deadline: ExchangeDeadline): Promise<{ body: Buffer; truncated: boolean }> {
  let stream: Readable = res;
  const decoder = decompressor(encoding);
  if (decoder) stream = res.pipe(decoder);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean): void => {
      if (done) return;
      done = true;
      deadline.signal.removeEventListener('abort', onAbort);
      resolve({ body: Buffer.concat(chunks, size), truncated });
    };
    const fail = (err: unknown): void => {
      if (done) return;
      done = true;
      deadline.signal.removeEventListener('abort', onAbort);
      res.destroy();
      reject(err);
    };
    const onAbort = (): void => fail(deadline.signal.reason);
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += Math.max(room, 0);
        finish(true);
        // Stop downloading: the rest would be thrown away anyway (after finish, so the
        // resulting 'aborted' is not mistaken for a failure).
        res.destroy();
        if (decoder) decoder.destroy();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    stream.once('end', () => finish(false));
    // Errors on the decompressor are decoding errors; the socket's own errors come from res.
    decoder?.once('error', (err) => fail(new NetError('decode_failed', `Could not decode the ${encoding} response body.`, undefined, { cause: err })));
    res.once('error', fail);
    // A peer that closes mid-body ('aborted'/premature close) must not look like success.
    res.once('aborted', () => fail(new NetError('connection_failed', 'Upstream closed the connection before the response was complete.')));
  });
}

function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

function decodeText(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(body);
    } catch {
      // Unknown label: fall through to UTF-8 rather than fail the whole call.
    }
  }
  return body.toString('utf8');
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function withDefaultHeaders(headers: { readonly [name: string]: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  out['accept-encoding'] ??= 'gzip, deflate, br';
  out['user-agent'] ??= 'mcp-devmode';
  return out;
}

function dropHeader(headers: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _dropped, ...rest } = headers;
  return rest;
}

function keepCrossOriginSafe(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => CROSS_ORIGIN_SAFE_HEADERS.has(name)));
}

/** Origin + path only: query strings may carry keys, so they stay out of messages. */
export function redactUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** One timer + the caller's signal, combined; tells a timeout from a cancellation afterwards. */
class ExchangeDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;
  private readonly onOuterAbort = (): void => this.controller.abort(new NetError('aborted', 'The request was cancelled.'));

  constructor(private readonly timeoutMs: number, private readonly outer?: AbortSignal) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new NetError('timeout', `Upstream did not answer within ${timeoutMs} ms.`, 'Raise the tool `timeout` or check the upstream.'));
    }, timeoutMs);
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  translate(err: unknown): NetError {
    if (this.controller.signal.aborted) {
      const reason: unknown = this.controller.signal.reason;
      if (isNetError(reason)) return reason;
      return this.timedOut
        ? new NetError('timeout', `Upstream did not answer within ${this.timeoutMs} ms.`)
        : new NetError('aborted', 'The request was cancelled.');
    }
    if (isNetError(err)) return err;
    // A NetError raised inside the lookup hook arrives as the request's error (sometimes wrapped).
    const cause = (err as { cause?: unknown })?.cause;
    if (isNetError(cause)) return cause;
    const code = (err as NodeJS.ErrnoException)?.code;
    const message = code ? `Connection to upstream failed (${code}).` : `Connection to upstream failed: ${err instanceof Error ? err.message : String(err)}.`;
    return new NetError('connection_failed', message, undefined, { cause: err });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}
