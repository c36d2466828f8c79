// Where deploy writes what it has to say: lines to stdout/stderr, and whether a spinner may redraw.
export interface DeployOutput {
  /** Normal progress and results. */
  line(text: string): void;
  /** Problems. */
  error(text: string): void;
  /** Raw write for redrawing a progress line (TTY only). */
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number;
}

/** With `quiet`, only problems are printed (and no spinner is drawn). */
export function processOutput(options: { quiet?: boolean } = {}): DeployOutput {
  const quiet = options.quiet === true;
  return {
    line: (text) => { if (!quiet) process.stdout.write(`${text}\n`); },
    error: (text) => process.stderr.write(`${text}\n`),
    write: (text) => { if (!quiet) process.stdout.write(text); },
    isTTY: !quiet && process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 80,
  };
}
