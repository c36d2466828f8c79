// dev started on a broken config waits (no server, located error) and starts serving once fixed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, expect, it } from 'vitest';
import { startDev, type DevSession } from '../../src/dev/session.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { captureOutput, editAndWait, scaffoldInto } from './harness.js';

let dir: string | undefined;
let session: DevSession | undefined;

afterAll(async () => {
  await session?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('waits on a broken config with its location, then serves once the file is fixed', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-dev-invalid-'));
  await scaffoldInto(dir, 'blank');
  const file = join(dir, 'mcp.yaml');
  const good = await readFile(file, 'utf8');
  await writeFile(file, good.replace('kind: calculator', 'kind: calculater'));
  const captured = captureOutput();
  session = await startDev({ file, port: 0, out: captured.out, logger: silentLogger(), debounceMs: 50 });
  expect(session.initial.kind).toBe('invalid');
  expect(session.url()).toBeUndefined();
  const printed = captured.lines.join('\n');
  expect(printed).toMatch(/mcp\.yaml:\d+:\d+: error: .*calculater/);
  expect(printed).toContain('Waiting for a valid config');

  const outcome = await editAndWait(session, captured, () => writeFile(file, good));
  expect(outcome).toMatchObject({ kind: 'started', tools: ['calculate'] });
  const client = new Client({ name: 'late', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(session.url()!)));
  expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['calculate']);
  await client.close();
});
