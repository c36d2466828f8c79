// Start-up time of `serve` (spawn → first GET /healthz 200, as bench/run.js measures it) and the
// wall time of `validate`, repeated to get a median and p90 on a shared machine.
// Usage: node bench/serve-start.js [--runs 15] [--config examples/quickstart/mcp.yaml] [--root <checkout>]
// (--root times another built checkout, e.g. a `git archive` of an older commit, for before/after.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue } from './lib/args.js';
import { freePort, startChild } from './lib/children.js';

const HERE = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(argValue('root', HERE));
const LOGS = join(HERE, 'bench/.work/logs');
const runs = Number(argValue('runs', '15'));
const config = argValue('config', 'examples/quickstart/mcp.yaml');
const cli = join(ROOT, 'bin/mcp-devmode.js');

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function summary(label, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (n) => n.toFixed(0);
  return `${label}: median ${fmt(quantile(sorted, 0.5))} ms, p90 ${fmt(quantile(sorted, 0.9))} ms, min ${fmt(sorted[0])} ms (n=${sorted.length})`;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();

/** CPU time (user + system) a process has used so far, in ms: steadier than wall time under load. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const ready = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const port = await freePort();
  const child = await startChild({ name: 'serve-start', args: [cli, 'serve', config, '--port', String(port), '--host', '127.0.0.1'], port, root: ROOT, logDir: LOGS });
  ready.push(child.readyMs);
  cpu.push(cpuMs(child.pid));
  await child.stop();
}

const validate = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, 'validate', config], { cwd: ROOT, stdio: 'ignore' });
  validate.push(performance.now() - started);
  if (result.status !== 0) throw new Error(`validate exited ${result.status}`);
}

process.stdout.write(
  [
    summary('serve ready (spawn → /healthz 200)', ready),
    summary('serve CPU used by then (user+sys)', cpu),
    summary('validate wall time', validate),
    `node ${process.version}, ${os.cpus().length} CPU(s), load average before ${loadBefore} / after ${load()}`,
  ].join('\n') + '\n',
);
