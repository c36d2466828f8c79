// The printout of config problems: `file:line:column: error: message`, the snippet, the hint.
// Apart from errors.ts so that loading a valid config does not load chalk (~10 ms of `serve` start).
import { Chalk } from 'chalk';
import type { ConfigError, LocatedIssue } from './errors.js';

export interface FormatOptions {
  /** ANSI colours (the CLI passes true on a TTY). */
  readonly color?: boolean;
}

/** One issue as `file:line:column: error: message`, the snippet with its caret, and the hint. */
export function formatIssue(issue: LocatedIssue, options: FormatOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const label = issue.severity === 'error' ? c.red('error') : c.yellow('warning');
  const lines = [`${c.bold(where)}: ${label}: ${issue.message}`];
  if (issue.snippet) lines.push(...issue.snippet.split('\n').map((l) => c.dim(l)));
  if (issue.hint) lines.push(`  ${c.cyan('hint:')} ${issue.hint}`);
  return lines.join('\n');
}

/** Every issue of a ConfigError, blank-line separated, with a count at the end. */
export function formatConfigError(err: ConfigError, options: FormatOptions = {}): string {
  const errors = err.issues.filter((i) => i.severity === 'error').length;
  const parts = err.issues.map((i) => formatIssue(i, options));
  parts.push(`${errors} error${errors === 1 ? '' : 's'} in ${err.file}`);
  return parts.join('\n\n');
}
