// The `module` tool kind with real files (test/fixtures/module-tools): each result form, thrown
// errors (message to the client, stack to the log), timeouts that abort ctx.signal, ctx.fetch behind
// the SSRF guard, ctx.auth, default annotations, reload after an edit, and the official clients.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import type { McpConfig } from '../../../src/config/types.js';
import { createLogger, silentLogger } from '../../../src/runtime/logger.js';
import { createRuntime, type Runtime } from '../../../src/runtime/runtime.js';
import type { CallContext } from '../../../src/runtime/tools/types.js';
import { connectHttp } from '../../helpers/mcp-clients.js';
import { recordingFetch } from '../../helpers/recording-fetch.js';
import { startTestServer } from '../../helpers/test-server.js';
import { startUpstream, type LocalUpstream } from '../net/local-upstream.js';

const fixtures = fileURLToPath(new URL('../../fixtures/module-tools/', import.meta.url));

const YAML = `
name: module-tools
server: { port: 0, host: 127.0.0.1 }
tools:
  - { name: greet, kind: module, file: ./tools/greet.js, description: Greets., input: { name: { required: true } } }
  - name: json
    kind: module
    file: tools/json.js
    description: Adds.
    input: { a: { type: number }, b: { type: number }, list: { type: boolean } }
  - { name: full_result, kind: module, file: ./tools/full-result.js, description: Full result. }
  - { name: throws, kind: module, file: ./tools/throws.js, description: Throws. }
  - { name: slow, kind: module, file: ./tools/slow.js, description: Slow., timeout: 150ms }
  - { name: fetcher, kind: module, file: ./tools/fetcher.js, description: Fetches., input: { url: { required: true } } }
  - { name: fetcher_private, kind: module, file: ./tools/fetcher.js, description: Fetches privately., allowPrivateNetwork: true, input: { url: { required: true } } }
  - { name: whoami, kind: module, file: ./tools/whoami.js, description: Who am I., annotations: { readOnlyHint: true, destructiveHint: false } }
`;

async function loadFixtureConfig(yaml = YAML, dir = fixtures): Promise<McpConfig> {
  return (await parseConfig(yaml, { sourcePath: join(dir, 'mcp.yaml'), env: {} })).config;
}

function callContext(extra: Partial<CallContext> = {}): CallContext {
  return { signal: new AbortController().signal, logger: silentLogger(), protocolVersion: '2025-11-25', ...extra };
}

describe('module tools', () => {
  let runtime: Runtime;
  let upstream: LocalUpstream;

  beforeAll(async () => {
    runtime = await createRuntime(await loadFixtureConfig(), { logger: silentLogger() });
    upstream = await startUpstream();
    upstream.route('/data', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"answer":42}'));
  });
  afterAll(async () => {
    await runtime?.close();
    await upstream?.close();
  });

  it('a string becomes one text block', async () => {
    expect(await runtime.callTool('greet', { name: 'Ada' }, callContext())).toEqual({ content: [{ type: 'text', text: 'Hello, Ada!' }] });
  });

  it('a JSON object becomes structuredContent plus its JSON text; an array becomes text only', async () => {
    const object = await runtime.callTool('json', { a: 2, b: 3 }, callContext());
    expect(object.structuredContent).toEqual({ sum: 5, inputs: [2, 3] });
    expect(JSON.parse((object.content[0] as { text: string }).text)).toEqual({ sum: 5, inputs: [2, 3] });
    expect(object.isError).toBeUndefined();
    const array = await runtime.callTool('json', { list: true }, callContext());
    expect(array).toEqual({ content: [{ type: 'text', text: JSON.stringify([1, 2, 3], null, 2) }] });
  });

  it('a full CallToolResult passes through unchanged', async () => {
    expect(await runtime.callTool('full_result', {}, callContext())).toEqual({
      content: [{ type: 'text', text: 'first' }, { type: 'text', text: 'second' }],
      structuredContent: { ok: true },
    });
  });

  it('a thrown error is an isError result with the message; the stack goes to the log only', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
    const result = await runtime.callTool('throws', {}, callContext({ logger }));
    expect(result).toEqual({ content: [{ type: 'text', text: 'Tool "throws" failed: database is on fire' }], isError: true });
    expect(JSON.stringify(result)).not.toContain('throws.js');
    await new Promise((r) => setTimeout(r, 20));
    expect(lines.join('')).toContain('throws.js');
  });

  it('a call past its timeout aborts ctx.signal and answers isError', async () => {
    (globalThis as { slowToolAborted?: number }).slowToolAborted = 0;
    const started = Date.now();
    const result = await runtime.callTool('slow', {}, callContext());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({ content: [{ type: 'text', text: 'Tool "slow" timed out after 150 ms.' }], isError: true });
    expect((globalThis as { slowToolAborted?: number }).slowToolAborted).toBeGreaterThanOrEqual(1);
  });

  it('ctx.fetch refuses loopback addresses (SSRF guard) unless the tool allows private networks', async () => {
    const url = `${upstream.origin}/data`;
    const refused = await runtime.callTool('fetcher', { url }, callContext());
    expect(refused.isError).toBe(true);
    expect((refused.content[0] as { text: string }).text).toMatch(/private|loopback|not allowed|refused/i);
    expect(upstream.received.length).toBe(0);
    const allowed = await runtime.callTool('fetcher_private', { url }, callContext());
    expect(allowed.structuredContent).toEqual({ status: 200, ok: true, body: { answer: 42 } });
  });

  it('ctx.auth is the signed-in user', async () => {
    const auth = { subject: 'user-1', clientId: 'chatgpt', scopes: ['mcp:read'] };
    expect(await runtime.callTool('whoami', {}, callContext({ auth }))).toEqual({ content: [{ type: 'text', text: 'user-1 via chatgpt' }] });
    expect(await runtime.callTool('whoami', {}, callContext())).toEqual({ content: [{ type: 'text', text: 'anonymous' }] });
  });

  it('unknown code is annotated as writing, destructive and open-world unless the entry says otherwise', () => {
    const byName = new Map(runtime.listTools().map((t) => [t.name, t]));
    expect(byName.get('greet')?.annotations).toEqual({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
    expect(byName.get('whoami')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
  });

  it('arguments are validated before the module runs', async () => {
    const result = await runtime.callTool('greet', {}, callContext());
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/name/);
  });
});

describe('module tool loading', () => {
  it('refuses a module without a default function when the runtime is built', async () => {
    const config = await loadFixtureConfig('name: x\ntools:\n  - { name: bad, kind: module, file: ./tools/no-default.js, description: Bad. }\n');
    await expect(createRuntime(config, { logger: silentLogger() })).rejects.toThrow(/export default async function/);
  });

  it('a rebuilt runtime (what dev does on save) runs the edited file; an unchanged file is not re-imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-module-'));
    const file = join(dir, 'tool.mjs');
    writeFileSync(file, 'let calls = 0;\nexport default async () => `v1 call ${++calls}`;\n');
    const yaml = 'name: reload\ntools:\n  - { name: t, kind: module, file: ./tool.mjs, description: T. }\n';
    const first = await createRuntime(await loadFixtureConfig(yaml, dir), { logger: silentLogger() });
    expect((await first.callTool('t', {}, callContext())).content).toEqual([{ type: 'text', text: 'v1 call 1' }]);
    // Same file, new runtime: same module instance (its state carries on).
    const same = await createRuntime(await loadFixtureConfig(yaml, dir), { logger: silentLogger() });
    expect((await same.callTool('t', {}, callContext())).content).toEqual([{ type: 'text', text: 'v1 call 2' }]);
    writeFileSync(file, 'export default async () => "v2";\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = await createRuntime(await loadFixtureConfig(yaml, dir), { logger: silentLogger() });
    expect((await second.callTool('t', {}, callContext())).content).toEqual([{ type: 'text', text: 'v2' }]);
    // The old runtime keeps the code it was built with until it is swapped out.
    expect((await first.callTool('t', {}, callContext())).content).toEqual([{ type: 'text', text: 'v1 call 3' }]);
  });
});

describe('module tools through the official clients', () => {
  it.each(['sdk-v1', 'v2-modern'] as const)('%s calls module tools; every message matches the official schema', async (mode) => {
    const server = await startTestServer(await loadFixtureConfig());
    const recording = recordingFetch();
    const client = await connectHttp(mode, server.url, recording);
    try {
      expect((await client.callTool('greet', { name: 'Ada' })).content).toEqual([{ type: 'text', text: 'Hello, Ada!' }]);
      expect((await client.callTool('json', { a: 1, b: 1 })).structuredContent).toEqual({ sum: 2, inputs: [1, 1] });
      const failed = await client.callTool('throws', {});
      expect(failed.isError).toBe(true);
      expect(failed.content[0]?.text).toBe('Tool "throws" failed: database is on fire');
      expect((await client.callTool('slow', {})).isError).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
    expect(recording.violations).toEqual([]);
  });
});
