// Runs a platform CLI (flyctl, railway) through execa: captured for short queries, streamed with a
// progress line for long steps, always remembering the last lines to show when something fails.
import { execa } from 'execa';
import type { DeployOutput } from './output.js';

export interface RunOptions {
  readonly cwd: string;
  /** The complete environment for the child (secrets already removed). */
  readonly env: NodeJS.ProcessEnv;
  /** Written to the child's stdin (how secret values travel: never argv). */
  readonly input?: string;
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  /** Last lines of stdout+stderr, for failure reports. */
  readonly tail: readonly string[];
}

const TAIL_LINES = 25;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Only the given environment (secrets removed by the caller), stdin fed or closed, never throws on exit codes. */
function childOptions(options: RunOptions) {
  return { cwd: options.cwd, env: options.env, extendEnv: false, input: options.input ?? '', all: true, reject: false } as const;
}

/** Runs to completion and returns its output (for `auth whoami`, `status`, `secrets set`). */
export async function runCaptured(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await execa(file, args, childOptions(options));
  const all = typeof result.all === 'string' ? result.all : '';
  return {
    exitCode: result.exitCode ?? 1,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    tail: all.split('\n').slice(-TAIL_LINES),
  };
}

/**
 * Runs a long step, showing its output as it comes: one redrawn spinner line in a terminal,
 * plain indented lines otherwise (logs, CI).
 */
export async function runStreamed(
  file: string,
  args: readonly string[],
  label: string,
  options: RunOptions,
  out: DeployOutput,
): Promise<RunResult> {
  const child = execa(file, args, { ...childOptions(options), buffer: { stdout: true, stderr: false, all: false } });
  const tail: string[] = [];
  let last = '';
  let frame = 0;
  const draw = (): void => {
    const text = `${FRAMES[frame++ % FRAMES.length]} ${label}${last ? ` · ${last}` : ''}`;
    out.write(`\r\x1b[K${text.slice(0, Math.max(10, out.columns - 1))}`);
  };
  const timer = out.isTTY ? setInterval(draw, 100) : undefined;
  timer?.unref();
  if (out.isTTY) draw();
  if (!out.isTTY) out.line(`→ ${label}`);
  for await (const raw of child.iterable({ from: 'all' })) {
    const line = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trimEnd();
    if (line === '') continue;
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    last = line.trim();
    if (!out.isTTY) out.line(`  ${line}`);
  }
  const result = await child;
  if (timer !== undefined) {
    clearInterval(timer);
    out.write('\r\x1b[K');
  }
  const exitCode = result.exitCode ?? 1;
  out.line(`${exitCode === 0 ? '✓' : '✗'} ${label}`);
  return { exitCode, stdout: typeof result.stdout === 'string' ? result.stdout : '', tail };
}
