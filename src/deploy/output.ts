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

export function processOutput(): DeployOutput {
  return {
    line: (text) => process.stdout.write(`${text}\n`),
    error: (text) => process.stderr.write(`${text}\n`),
    write: (text) => process.stdout.write(text),
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 80,
  };
}
