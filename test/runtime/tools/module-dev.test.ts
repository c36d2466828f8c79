// `dev` with a module tool: the tool file is watched, and saving it swaps in the new code on the
// same server (same port), as an MCP client sees it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevSession } from '../../../src/dev/session.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { captureOutput, editAndWait, type CapturedOutput } from '../../dev/harness.js';

async function callEcho(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' } } }),
  });
  const body = (await response.json()) as { result: { content: { text: string }[] } };
  return body.result.content[0]?.text ?? '';
}

describe('dev reloads a module tool when its file changes', () => {
  let dir: string;
  let session: DevSession;
  let captured: CapturedOutput;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-module-dev-'));
    writeFileSync(join(dir, 'mcp.yaml'), 'name: dev-module\nserver: { port: 0, host: 127.0.0.1 }\ntools:\n  - { name: echo, kind: module, file: ./tools/echo.mjs, description: Echo., input: { text: { required: true } } }\n');
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'tools/echo.mjs'), 'export default async (args) => `v1: ${args.text}`;\n');
    captured = captureOutput();
    session = await startDev({ file: join(dir, 'mcp.yaml'), out: captured.out, logger: silentLogger(), debounceMs: 50, port: 0, host: '127.0.0.1' });
    expect(session.initial.kind).toBe('started');
  });
  afterAll(() => session?.close());

  it('serves the new code after the tool file is saved, on the same endpoint', async () => {
    const url = session.url()!;
    expect(await callEcho(url)).toBe('v1: hi');
    const outcome = await editAndWait(session, captured, () => writeFile(join(dir, 'tools/echo.mjs'), 'export default async (args) => `v2: ${args.text.toUpperCase()}`;\n'));
    expect(outcome.kind).toBe('reloaded');
    expect(session.url()).toBe(url);
    expect(await callEcho(url)).toBe('v2: HI');
  });

  it('a module that no longer loads is reported and the last good code keeps serving', async () => {
    const url = session.url()!;
    const outcome = await editAndWait(session, captured, () => writeFile(join(dir, 'tools/echo.mjs'), 'export const nothing = 1;\n'));
    expect(outcome.kind).toBe('failed');
    expect(captured.lines.join('\n')).toMatch(/export default async function/);
    expect(await callEcho(url)).toBe('v2: HI');
  });
});
