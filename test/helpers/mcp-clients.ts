// Drives our server with the official MCP clients: SDK v1 (legacy initialize) and SDK v2 in the
// legacy, pinned-2026-07-28 and auto-negotiating modes, over Streamable HTTP or stdio.
import { Client as ClientV2, StreamableHTTPClientTransport as HttpTransportV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioTransportV2 } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { serverMessageErrors } from './mcp-schema.js';
import type { RecordingFetch } from './recording-fetch.js';

export type ClientMode = 'sdk-v1' | 'v2-legacy' | 'v2-modern' | 'v2-auto';
export const CLIENT_MODES: readonly ClientMode[] = ['sdk-v1', 'v2-legacy', 'v2-modern', 'v2-auto'];

export interface ToolCallOutcome {
  readonly content: readonly { type: string; text?: string }[];
  readonly structuredContent?: unknown;
  readonly isError?: boolean;
}

export interface ConnectedClient {
  readonly mode: ClientMode;
  /** The protocol version in force after connecting. */
  readonly version: string | undefined;
  readonly serverName: string | undefined;
  readonly instructions: string | undefined;
  listToolNames(): Promise<string[]>;
  listTools(): Promise<{ name: string; inputSchema: unknown; outputSchema?: unknown; annotations?: unknown }[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolCallOutcome>;
  /** The official client itself (v1 and v2 share the resources/prompts methods used in tests). */
  readonly raw: ClientV2;
  close(): Promise<void>;
}

const clientInfo = { name: 'mcp-devmode-e2e', version: '1.0.0' };

function v2Options(mode: ClientMode) {
  if (mode === 'v2-modern') return { versionNegotiation: { mode: { pin: '2026-07-28' } } } as const;
  if (mode === 'v2-auto') return { versionNegotiation: { mode: 'auto' } } as const;
  return {};
}

function wrap(mode: ClientMode, client: ClientV1 | ClientV2, version: string | undefined): ConnectedClient {
  const c = client as ClientV2;
  return {
    mode,
    version,
    serverName: c.getServerVersion()?.name,
    instructions: c.getInstructions(),
    async listToolNames() {
      return (await c.listTools()).tools.map((t) => t.name);
    },
    async listTools() {
      return (await c.listTools()).tools as never;
    },
    async callTool(name, args) {
      return (await c.callTool({ name, arguments: args })) as ToolCallOutcome;
    },
    raw: c,
    close: () => c.close(),
  };
}

export async function connectHttp(mode: ClientMode, url: string, recording: RecordingFetch): Promise<ConnectedClient> {
  if (mode === 'sdk-v1') {
    const client = new ClientV1(clientInfo, { capabilities: {} });
    const transport = new HttpTransportV1(new URL(url), { fetch: recording.fetch });
    await client.connect(transport);
    return wrap(mode, client, transport.protocolVersion);
  }
  const client = new ClientV2(clientInfo, { capabilities: {}, ...v2Options(mode) });
  await client.connect(new HttpTransportV2(new URL(url), { fetch: recording.fetch }));
  return wrap(mode, client, client.getNegotiatedProtocolVersion());
}

/** Collects schema violations of what the server writes on stdout (the transport's onmessage). */
export interface StdioRecording {
  readonly messages: unknown[];
  readonly violations: string[];
}

export async function connectStdio(mode: ClientMode, command: string, args: string[], recording: StdioRecording, env?: Record<string, string>): Promise<ConnectedClient> {
  const params = { command, args, env: { ...(process.env as Record<string, string>), ...env }, stderr: 'pipe' as const };
  const pending = new Map<unknown, string>();
  let version: string | undefined;
  const observe = (transport: { send: (m: never, o?: never) => Promise<void>; onmessage?: (m: never, extra?: never) => void }) => {
    const send = transport.send.bind(transport);
    transport.send = async (message: never, options?: never) => {
      const m = message as { id?: unknown; method?: string; params?: { _meta?: Record<string, unknown> } };
      if (m.id !== undefined && m.method) pending.set(m.id, m.method);
      const metaVersion = m.params?._meta?.['io.modelcontextprotocol/protocolVersion'];
      if (typeof metaVersion === 'string') version = metaVersion;
      return send(message, options);
    };
    // Wrap onmessage after the client installs it (connect sets it before start resolves).
    const install = () => {
      const original = transport.onmessage;
      if (!original) return;
      transport.onmessage = (message: never, extra?: never) => {
        const m = message as { id?: unknown; result?: { protocolVersion?: string } };
        const method = pending.get(m.id);
        if (method === 'initialize' && m.result?.protocolVersion) version = m.result.protocolVersion;
        recording.messages.push(message);
        for (const problem of serverMessageErrors(version ?? '2025-11-25', method, message)) recording.violations.push(`${version} ${method}: ${problem}`);
        original(message, extra);
      };
    };
    return install;
  };
  if (mode === 'sdk-v1') {
    const transport = new StdioTransportV1(params);
    const install = observe(transport as never);
    const client = new ClientV1(clientInfo, { capabilities: {} });
    const start = transport.start.bind(transport);
    transport.start = async () => {
      install();
      await start();
    };
    await client.connect(transport);
    return wrap(mode, client, version);
  }
  const transport = new StdioTransportV2(params);
  const install = observe(transport as never);
  const start = transport.start.bind(transport);
  transport.start = async () => {
    install();
    await start();
  };
  const client = new ClientV2(clientInfo, { capabilities: {}, ...v2Options(mode) });
  await client.connect(transport);
  return wrap(mode, client, client.getNegotiatedProtocolVersion() ?? version);
}
