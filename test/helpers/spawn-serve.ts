// Runs the real CLI (`node bin/mcp-devmode.js serve … --port 0`) and reads the bound URL from its banner.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../bin/mcp-devmode.js', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The MCP endpoint URL printed in the banner. */
  readonly url: string;
  readonly origin: string;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function spawnServe(configFile: string, options: { env?: Record<string, string>; args?: string[]; node?: string; timeoutMs?: number } = {}): Promise<ServeProcess> {
  const child = spawn(options.node ?? process.execPath, [cliPath, 'serve', configFile, '--port', '0', ...(options.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its endpoint in time.\nstdout:\n${out}\nstderr:\n${err}`)), options.timeoutMs ?? 20_000);
    const check = (): void => {
      const match = /MCP endpoint: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)} before listening.\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
  return {
    child,
    url,
    origin: new URL(url).origin,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
