// tools/call argument validation in the runtime: each tool's validator is compiled once, on its
// first call (not at start, where loading ajv's compiler would cost ~50 ms of `serve` start-up).
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/runtime/logger.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import type { CallContext, CallToolResult } from '../../src/runtime/tools/types.js';
import { configFromYaml } from '../helpers/test-server.js';
import { slowKind } from './protocol/fixture-kinds.js';

const KINDS = [slowKind];
const YAML = `
name: arguments-test
tools:
  - name: wait
    kind: slow
    description: Waits ms milliseconds.
  - name: pause
    kind: slow
    description: Also waits.
`;

const logger = silentLogger();
const ctx: CallContext = { signal: new AbortController().signal, logger, protocolVersion: '2025-11-25' };
const text = (result: CallToolResult): string => (result.content[0] as { text: string }).text;

describe('runtime argument validation', () => {
  it('refuses invalid arguments with the validator’s message, and passes valid ones on, call after call', async () => {
    const runtime = await createRuntime(await configFromYaml(YAML, { kinds: KINDS }), { logger, kinds: KINDS });
    for (let i = 0; i < 2; i++) {
      const refused = await runtime.callTool('wait', { ms: 'soon' }, ctx);
      expect(refused.isError).toBe(true);
      expect(text(refused)).toBe('Invalid arguments for tool "wait": argument "ms" must be an integer');
      expect(text(await runtime.callTool('wait', { ms: 1, extra: true }, ctx))).toBe('Invalid arguments for tool "wait": unknown argument "extra"');
      expect(text(await runtime.callTool('wait', { ms: 1 }, ctx))).toBe('waited 1ms');
    }
    await runtime.close();
  });

  it('starts with an input schema ajv cannot compile, and answers that tool’s calls with the reason', async () => {
    // loadConfig refuses such a schema; a config built in code can still carry one.
    const config = await configFromYaml(YAML, { kinds: KINDS });
    const broken = { ...config, tools: [{ ...config.tools[0]!, inputSchema: { type: 'object', properties: { ms: { type: 'nonsense' } } } }, config.tools[1]!] };
    const runtime = await createRuntime(broken, { logger, kinds: KINDS });
    const result = await runtime.callTool('wait', { ms: 1 }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Tool "wait": its inputSchema cannot be compiled: /);
    expect(text(await runtime.callTool('pause', { ms: 1 }, ctx))).toBe('waited 1ms');
    await runtime.close();
  });
});
