// Helpers for the init/dev CLI tests: run the real CLI to completion, pick a free port, and call
// every tool a template ships with arguments that exercise it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect } from 'vitest';
import { cliPath } from '../helpers/spawn-serve.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/mcp-devmode.js …` with stdin piped (not a TTY) and a hard timeout: init must never wait for input. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mcp-devmode ${args.join(' ')} did not finish in time (waiting for input?)\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface CallableClient {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(request: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
}

interface ToolResult {
  readonly content: { type: string; text?: string }[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
}

/** Calls each listed tool with arguments that make it do real work, and checks what comes back. */
export async function callEveryTool(client: CallableClient, expected: readonly string[]): Promise<string[]> {
  const names = (await client.listTools()).tools.map((t) => t.name);
  expect(names).toEqual(expected);
  const called: string[] = [];
  let fetchId: string | undefined;
  for (const name of names) {
    const call = async (args: Record<string, unknown>): Promise<ToolResult> => {
      const result = (await client.callTool({ name, arguments: args })) as ToolResult;
      expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
      called.push(name);
      return result;
    };
    if (name === 'search') {
      const result = await call({ query: 'refund' });
      const hits = (result.structuredContent as { results: { id: string; title: string; url: string }[] }).results;
      expect(hits.length).toBeGreaterThan(0);
      expect(hits[0]!.url).toMatch(/^https:\/\//);
      expect(JSON.parse(result.content[0]!.text!)).toEqual(result.structuredContent);
      fetchId = hits[0]!.id;
    } else if (name === 'fetch') {
      const result = await call({ id: fetchId ?? 'refunds' });
      expect((result.structuredContent as { text: string }).text.toLowerCase()).toContain('refund');
    } else if (name === 'calculate') {
      const result = await call({ expression: '(12.5 * 4) / 5' });
      expect(result.content[0]!.text).toContain('10');
    } else if (name === 'get_klines') {
      const result = await call({ symbol: 'btcusdt', interval: '1h', limit: 2 });
      const candles = (result.structuredContent as { symbol: string; candles: { open: number }[] });
      expect(candles.symbol).toBe('BTCUSDT');
      expect(typeof candles.candles[0]!.open).toBe('number');
    } else {
      throw new Error(`no sample call for tool ${name}: add one to callEveryTool`);
    }
  }
  return called;
}
