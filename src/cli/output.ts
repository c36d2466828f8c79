// Shared CLI output for init and dev: quiet/verbose levels, colours only on a terminal without
// NO_COLOR, and a progress line that redraws in a terminal but prints plain lines elsewhere.
import { Chalk, type ChalkInstance } from 'chalk';

export interface OutputLevel {
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

export interface Progress {
  /** Reports `done` of `total` items (total 0 or unknown: just the count). */
  update(done: number, total?: number): void;
  /** Ends the line with a final message. */
  finish(message: string): void;
}

export interface CliOutput {
  readonly color: ChalkInstance;
  readonly isTTY: boolean;
  /** Normal messages (hidden by --quiet). */
  info(text: string): void;
  /** Details shown only with --verbose. */
  debug(text: string): void;
  /** Problems: always shown, on stderr. */
  error(text: string): void;
  /** Warnings: always shown, on stderr. */
  warn(text: string): void;
  progress(label: string): Progress;
}

export interface OutputStreams {
  readonly stdout: NodeJS.WriteStream | { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** Colours when the stream is a terminal and NO_COLOR is unset (https://no-color.org). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Redraws at most this often: indexing calls back per document. */
const REDRAW_MS = 80;

export function createOutput(level: OutputLevel, streams: OutputStreams = { stdout: process.stdout, stderr: process.stderr, env: process.env }): CliOutput {
  const isTTY = streams.stdout.isTTY === true;
  const color = new Chalk({ level: colorEnabled(streams.stdout, streams.env) ? 1 : 0 });
  const errColor = new Chalk({ level: colorEnabled(streams.stderr, streams.env) ? 1 : 0 });
  const out = (text: string): void => void streams.stdout.write(`${text}\n`);
  return {
    color,
    isTTY,
    info: (text) => (level.quiet ? undefined : out(text)),
    debug: (text) => (level.verbose ? out(color.dim(text)) : undefined),
    error: (text) => void streams.stderr.write(`${text}\n`),
    warn: (text) => void streams.stderr.write(`${errColor.yellow('warning:')} ${text}\n`),
    progress: (label) => (level.quiet ? silentProgress() : isTTY ? terminalProgress(label, streams.stdout, color) : plainProgress(label, out)),
  };
}

function silentProgress(): Progress {
  return { update: () => undefined, finish: () => undefined };
}

function describe(done: number, total: number | undefined): string {
  if (!total) return `${done}`;
  return `${done}/${total} (${Math.floor((done / total) * 100)}%)`;
}

function terminalProgress(label: string, stream: OutputStreams['stdout'], color: ChalkInstance): Progress {
  let frame = 0;
  let last = 0;
  const columns = ('columns' in stream && stream.columns) || 80;
  const draw = (text: string): void => void stream.write(`\r\x1b[K${text.slice(0, Math.max(10, columns - 1))}`);
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < REDRAW_MS && done !== total) return;
      last = now;
      draw(`${color.cyan(FRAMES[frame++ % FRAMES.length])} ${label} ${describe(done, total)}`);
    },
    finish(message) {
      draw(`${color.green('✓')} ${message}\n`);
    },
  };
}

/** Logs and CI: a start line, one line per quarter, and the end. */
function plainProgress(label: string, out: (text: string) => void): Progress {
  let started = false;
  let nextQuarter = 1;
  return {
    update(done, total) {
      if (!started) {
        started = true;
        out(`→ ${label}…`);
      }
      if (!total) return;
      while (nextQuarter < 4 && done >= (total * nextQuarter) / 4) {
        out(`  ${label} ${describe(done, total)}`);
        nextQuarter += 1;
      }
    },
    finish(message) {
      out(`✓ ${message}`);
    },
  };
}
