// Starts a server as a child process, times it to its first healthy answer, reads its RSS and stops it.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (released again before the child binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Resident set size of a process in MB (Linux /proc), or undefined elsewhere. */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Spawns `node <args>` (cwd = repo root) and polls GET /healthz on `port` every 2 ms.
 * Resolves with the running child and readyMs = spawn → first 200.
 * @param {{ name: string, args: string[], port: number, root: string, logDir: string, env?: Record<string,string>, timeoutMs?: number }} options
 */
export async function startChild({ name, args, port, root, logDir, env = {}, timeoutMs = 120_000 }) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  // Logs go to a file, not a pipe: draining a pipe would cost the load generator CPU.
  const logFd = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  const deadline = started + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${name} exited (${exited.code ?? exited.signal}) before it was ready; see ${logFile}:\n${tail(logFile)}`);
    if (await healthy(port)) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const readyMs = performance.now() - started;
  return {
    name,
    pid: child.pid,
    port,
    readyMs,
    logFile,
    rssMb: () => rssMb(child.pid),
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
