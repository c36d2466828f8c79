// tools/call argument validation in the runtime: each tool's validator is compiled once, by
// warmUp() as soon as the server listens (not before, where loading ajv's compiler would cost
// ~50 ms of `serve` start-up), or by the tool's first call if that comes sooner.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';
import { PassThrough } from 'node:stream';
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

  it('warmUp() compiles every validator once; a broken schema is logged and warmUp still resolves', async () => {
    const config = await configFromYaml(YAML, { kinds: KINDS });
    const broken = { ...config, tools: [{ ...config.tools[0]!, inputSchema: { type: 'object', properties: { ms: { type: 'nonsense' } } } }, config.tools[1]!] };
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (c: Buffer) => lines.push(...c.toString('utf8').split('\n').filter(Boolean)));
    const runtime = await createRuntime(broken, { logger: createLogger({ destination: out, pretty: false }), kinds: KINDS });
    await expect(runtime.warmUp()).resolves.toBeUndefined();
    await new Promise((r) => setImmediate(r));
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ level: 50, tool: 'wait', msg: 'tool input schema cannot be compiled' })]);
    // After the warm-up the working tool validates without compiling again, and the broken one still explains itself.
    expect(text(await runtime.callTool('pause', { ms: 'x' }, ctx))).toBe('Invalid arguments for tool "pause": argument "ms" must be an integer');
    expect(text(await runtime.callTool('wait', { ms: 1 }, ctx))).toMatch(/^Tool "wait": its inputSchema cannot be compiled: /);
    await runtime.close();
  });
});
