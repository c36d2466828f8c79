// A fetch wrapper for the official clients' transports: records every message the server sends
// and checks each against the official schema of the protocol version in force for it.
import { serverMessageErrors } from './mcp-schema.js';

export interface RecordedMessage {
  readonly version: string;
  readonly method?: string;
  readonly status: number;
  readonly message: unknown;
}

export interface RecordingFetch {
  readonly fetch: typeof fetch;
  readonly messages: RecordedMessage[];
  /** Schema violations found so far ("version method: problem"). */
  readonly violations: string[];
}

/** JSON-RPC messages in an SSE body (`data:` lines of each event; priming events carry none). */
export function sseMessages(text: string): unknown[] {
  const out: unknown[] = [];
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data.trim() !== '') out.push(JSON.parse(data));
  }
  return out;
}

function bodyText(init: RequestInit | undefined): string | undefined {
  return typeof init?.body === 'string' ? init.body : undefined;
}

function headerOf(init: RequestInit | undefined, name: string): string | undefined {
  if (!init?.headers) return undefined;
  return new Headers(init.headers).get(name) ?? undefined;
}

export function recordingFetch(): RecordingFetch {
  const messages: RecordedMessage[] = [];
  const violations: string[] = [];
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const text = bodyText(init);
    if (!text || init?.method !== 'POST') return response;
    const request = JSON.parse(text) as { method?: string; params?: { protocolVersion?: string } };
    const type = response.headers.get('content-type') ?? '';
    const copy = response.clone();
    const raw = await copy.text();
    let bodies: unknown[] = [];
    if (type.includes('application/json')) bodies = [JSON.parse(raw)];
    else if (type.includes('text/event-stream')) bodies = sseMessages(raw);
    for (const message of bodies) {
      // initialize negotiates the version its own result is written in.
      const negotiated = (message as { result?: { protocolVersion?: string } }).result?.protocolVersion;
      const version = request.method === 'initialize' && negotiated ? negotiated : headerOf(init, 'mcp-protocol-version') ?? '2025-03-26';
      messages.push({ version, method: request.method, status: response.status, message });
      for (const problem of serverMessageErrors(version, request.method, message)) violations.push(`${version} ${request.method}: ${problem}`);
    }
    return response;
  };
  return { fetch: wrapped as typeof fetch, messages, violations };
}
