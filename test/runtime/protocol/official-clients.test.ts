// The official MCP clients (SDK v1, SDK v2 legacy / pinned 2026-07-28 / auto) against the in-process
// server: connect, list, call, in both eras; every server message checked against its schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { CLIENT_MODES, connectHttp } from '../../helpers/mcp-clients.js';
import { recordingFetch } from '../../helpers/recording-fetch.js';
import { configFromYaml, startTestServer, type TestServer } from '../../helpers/test-server.js';

const YAML = `
name: clients-test
version: 2.0.0
title: Clients <Test>
description: Arithmetic for the official clients.
instructions: Use calculate for arithmetic.
server:
  port: 0
  host: 127.0.0.1
tools:
  - name: calculate
    kind: calculator
    title: Calculator
    description: Evaluate an arithmetic expression.
`;

const EXPECTED_VERSION = { 'sdk-v1': '2025-11-25', 'v2-legacy': '2025-11-25', 'v2-modern': '2026-07-28', 'v2-auto': '2026-07-28' } as const;

describe.each(CLIENT_MODES)('official client %s over Streamable HTTP', (mode) => {
  let server: TestServer;
  const recording = recordingFetch();

  beforeAll(async () => {
    server = await startTestServer(await configFromYaml(YAML, { kinds: [calculatorKind] }), { runtime: { kinds: [calculatorKind] } });
  });
  afterAll(() => server.close());

  it('connects, negotiates the expected version, lists and calls tools, and every server message matches the official schema', async () => {
    const client = await connectHttp(mode, server.url, recording);
    try {
      expect(client.version).toBe(EXPECTED_VERSION[mode]);
      expect(client.serverName).toBe('clients-test');
      expect(client.instructions).toBe('Use calculate for arithmetic.');
      const tools = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['calculate']);
      const ok = await client.callTool('calculate', { expression: '(12.5 * 4) / 3' });
      expect(ok.isError).toBeFalsy();
      expect(ok.content[0]?.text).toContain('16.666');
      const bad = await client.callTool('calculate', {});
      expect(bad.isError).toBe(true);
      expect(bad.content[0]?.text).toMatch(/expression/);
      await expect(client.callTool('no_such_tool', {})).rejects.toThrow(/Unknown tool|no_such_tool/);
    } finally {
      await client.close();
    }
    expect(recording.messages.length).toBeGreaterThanOrEqual(4);
    expect(recording.violations).toEqual([]);
    const versions = new Set(recording.messages.map((m) => m.version));
    expect(versions).toContain(EXPECTED_VERSION[mode]);
  });
});
