// doctor against the official SDK's stateless example servers: the results are recorded here and must stay sane.
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { startSdkV1Server, startSdkV2Server, type SdkServer } from '../fixtures/sdk-example-servers.js';

let server: SdkServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Statuses of the checks that say something about these servers (everything auth/search is skipped). */
function recorded(report: DoctorReport): Record<string, string> {
  return Object.fromEntries(report.checks.filter((c) => !c.id.startsWith('auth.') || c.id === 'auth.discovery-off').filter((c) => !c.id.startsWith('search.') && !c.id.startsWith('reachability.')).map((c) => [c.id, c.status]));
}

/** What doctor found on 2026-11-26 with @modelcontextprotocol/sdk 1.32.2 and @modelcontextprotocol/server 2.4.0. */
const COMMON = {
  'endpoint.mcp': 'pass',
  'transport.response-format': 'pass', // SSE replies, parsed with eventsource-parser
  'transport.accept': 'pass', // 406 without text/event-stream in Accept
  'transport.notification': 'pass',
  'transport.get': 'pass', // 405 as in the SDK example
  'transport.origin': 'warn', // the bare examples have no Origin check
  'transport.parse-error': 'pass',
  'transport.batch': 'pass',
  'transport.protocol-version-header': 'pass', // 400 for an unknown version
  'transport.session': 'pass',
  'protocol.initialize-2025-03-26': 'pass',
  'protocol.initialize-2025-06-18': 'pass',
  'protocol.initialize-2025-11-25': 'pass',
  'protocol.discover': 'pass',
  'protocol.eras': 'pass',
  'protocol.schema': 'pass',
  'tools.list': 'pass',
  'tools.names': 'pass',
  'tools.duplicates': 'pass',
  'tools.input-schema': 'pass',
  'tools.descriptions': 'pass',
  'tools.read-only-hint': 'warn', // the example's greet tool has no annotations
  'tools.instructions': 'pass',
  'tools.security-schemes': 'skip', // auth is off
  'auth.discovery-off': 'pass',
  'cors.preflight': 'pass',
};

describe('doctor on the official SDK example servers', () => {
  it('v1 StreamableHTTPServerTransport (stateless): legacy only, nothing fails', async () => {
    server = await startSdkV1Server();
    const report = await runDoctor(server.url, { timeoutMs: 5000 });
    expect(recorded(report)).toEqual(COMMON);
    expect(report.ok).toBe(true);
    expect(report.eras).toEqual({ legacy: ['2025-03-26', '2025-06-18', '2025-11-25'], modern: [] });
    // v1 rejects the 2026-07-28 header with 400 and a non-modern error: a clean fallback.
    expect(report.checks.find((c) => c.id === 'protocol.discover')?.message).toMatch(/legacy only: server\/discover → HTTP 400/);
  });

  it('v2 createMcpHandler (stateless): dual-era, nothing fails', async () => {
    server = await startSdkV2Server();
    const report = await runDoctor(server.url, { timeoutMs: 5000 });
    expect(recorded(report)).toEqual(COMMON);
    expect(report.ok).toBe(true);
    expect(report.eras).toEqual({ legacy: ['2025-03-26', '2025-06-18', '2025-11-25'], modern: ['2026-07-28'] });
    expect(report.checks.find((c) => c.id === 'protocol.schema')?.message).toMatch(/2026-07-28/);
  });

  it('v2 createMcpHandler with legacy: "reject" (modern only): initialize refused as a warning, modern tools/list works', async () => {
    server = await startSdkV2Server({ modernOnly: true });
    const report = await runDoctor(server.url, { timeoutMs: 5000 });
    expect(recorded(report)).toEqual({
      ...COMMON,
      'transport.notification': 'skip', // no legacy session to send it in
      'transport.session': 'skip',
      'transport.protocol-version-header': 'skip',
      'protocol.initialize-2025-03-26': 'warn',
      'protocol.initialize-2025-06-18': 'warn',
      'protocol.initialize-2025-11-25': 'warn',
    });
    expect(report.ok).toBe(true);
    expect(report.eras).toEqual({ legacy: [], modern: ['2026-07-28'] });
    expect(report.checks.find((c) => c.id === 'protocol.initialize-2025-06-18')?.message).toMatch(/-32022/);
  });
});
