// One timed HTTP request with no automatic redirects, and network failures turned into plain explanations.
import type { EventSourceMessage } from 'eventsource-parser';
import { readSseEvents } from './sse.js';

export interface ProbeRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Stop after the headers when the server answers with an event stream (GET streams never end). */
  readonly headersOnlyForStreams?: boolean;
  /** For event streams: stop reading once this returns true (the reply arrived). */
  readonly stopOnEvent?: (event: EventSourceMessage) => boolean;
  readonly timeoutMs: number;
}

export interface ProbeResponse {
  readonly ok: true;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  /** The body as text; empty when only headers were read. */
  readonly text: string;
  /** Time to response headers, and to the end of the body. */
  readonly headersMs: number;
  readonly totalMs: number;
  /** Set when the body stream was left unread (an open event stream). */
  readonly streamLeftOpen: boolean;
  /** Parsed events when the body was an event stream. */
  readonly events?: readonly EventSourceMessage[];
}

export interface NetworkFailure {
  readonly ok: false;
  readonly url: string;
  /** Short machine code: timeout, dns, refused, tls, reset, network. */
  readonly kind: 'timeout' | 'dns' | 'refused' | 'tls' | 'reset' | 'network';
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  readonly ms: number;
}

export type ProbeResult = ProbeResponse | NetworkFailure;

/** Sends one request; never throws for network problems, returns a NetworkFailure instead. */
export async function probe(url: string, req: ProbeRequest): Promise<ProbeResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ProbeTimeout()), req.timeoutMs);
  try {
    const res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const headersMs = performance.now() - started;
    const contentType = res.headers.get('content-type') ?? '';
    if (req.headersOnlyForStreams && contentType.includes('text/event-stream')) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: true, url, status: res.status, headers: res.headers, contentType, text: '', headersMs, totalMs: headersMs, streamLeftOpen: true };
    }
    if (contentType.includes('text/event-stream') && res.body) {
      const sse = await readSseEvents(res.body, req.stopOnEvent);
      return { ok: true, url, status: res.status, headers: res.headers, contentType, text: sse.text, headersMs, totalMs: performance.now() - started, streamLeftOpen: sse.stoppedEarly, events: sse.events };
    }
    const text = res.body ? await readCapped(res.body, MAX_BODY_BYTES) : '';
    return { ok: true, url, status: res.status, headers: res.headers, contentType, text, headersMs, totalMs: performance.now() - started, streamLeftOpen: false };
  } catch (err) {
    return explainNetworkError(url, err, performance.now() - started, req.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** Doctor reads at most this much of a body: enough for any MCP reply, bounded against runaway servers. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

async function readCapped(body: ReadableStream<Uint8Array>, max: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    text += decoder.decode(chunk.value, { stream: true });
    if (bytes > max) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return text + decoder.decode();
}

class ProbeTimeout extends Error {
  constructor() {
    super('timeout');
    this.name = 'ProbeTimeout';
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID', 'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO', 'ERR_TLS_HANDSHAKE_TIMEOUT',
]);

/** Maps the errors undici and node:net raise to a human message and a fix. */
export function explainNetworkError(url: string, err: unknown, ms: number, timeoutMs: number): NetworkFailure {
  const host = safeHost(url);
  const cause = findCause(err);
  const code = cause.code ?? (cause.name === 'ProbeTimeout' || cause.name === 'TimeoutError' ? 'TIMEOUT' : 'UNKNOWN');
  const base = { ok: false as const, url, code, ms };
  if (code === 'TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'ETIMEDOUT') {
    return { ...base, kind: 'timeout', message: `no answer from ${host} within ${Math.round(timeoutMs)} ms`, fix: 'check that the server is running and reachable from the internet, or raise --timeout' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return { ...base, kind: 'dns', message: `DNS lookup failed for ${host} (${code})`, fix: `check the host name; if you just deployed, wait for DNS to propagate (dig ${host})` };
  }
  if (code === 'ECONNREFUSED') {
    return { ...base, kind: 'refused', message: `connection refused by ${host}`, fix: 'nothing listens on that port: start the server, or check the port and that it binds 0.0.0.0 behind a proxy' };
  }
  if (TLS_CODES.has(code) || /certificate|SSL|TLS/i.test(cause.message)) {
    return { ...base, kind: 'tls', message: `TLS handshake with ${host} failed: ${cause.message} (${code})`, fix: 'serve a valid certificate for this host name (e.g. from Let\'s Encrypt); ChatGPT refuses self-signed or expired certificates' };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { ...base, kind: 'reset', message: `${host} closed the connection (${code})`, fix: 'the server or a proxy dropped the request; check its logs and that http/https match the port' };
  }
  return { ...base, kind: 'network', message: `request to ${host} failed: ${cause.message}`, fix: 'check the URL and that the server is reachable' };
}

function findCause(err: unknown): { code?: string; name: string; message: string } {
  let current: unknown = err;
  // undici wraps the socket error in TypeError('fetch failed') → cause; AbortSignal reasons surface directly.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' || current.name === 'ProbeTimeout' || current.name === 'TimeoutError') {
      return { code: typeof code === 'string' ? code : undefined, name: current.name, message: current.message };
    }
    if (!(current as { cause?: unknown }).cause) break;
    current = (current as { cause?: unknown }).cause;
  }
  const e = current instanceof Error ? current : new Error(String(current));
  return { name: e.name, message: e.message };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
