// Config problems as values: located issues and the ConfigError that carries them (printed by format.ts).

/** Stable machine-readable kinds of config problems (tests and `--json` output key on these). */
export type ConfigIssueCode =
  | 'file-unreadable'
  | 'yaml-syntax'
  | 'env-missing'
  | 'env-syntax'
  | 'unknown-key'
  | 'missing-key'
  | 'wrong-type'
  | 'invalid-value'
  | 'unknown-kind'
  | 'duplicate-tool'
  | 'corpus-missing'
  | 'corpus-files'
  | 'input-schema'
  | 'tool-auth'
  | 'kind-check'
  | 'long-instructions'
  | 'ignored-setting'
  | 'resource'
  | 'prompt';

/** A problem mapped to its place in the file. `line`/`column` are 1-based; 0 means "the whole file". */
export interface LocatedIssue {
  readonly code: ConfigIssueCode;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
  /** The offending source line, with a caret under the column (empty when there is no position). */
  readonly snippet: string;
  /** Document path of the problem, e.g. ['tools', 2, 'url']. */
  readonly path: readonly (string | number)[];
}

/** Thrown by loadConfig when the file cannot be turned into a valid McpConfig. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly file: string;
  readonly issues: readonly LocatedIssue[];

  constructor(file: string, issues: readonly LocatedIssue[]) {
    const first = issues[0];
    const where = first && first.line > 0 ? `${file}:${first.line}:${first.column}` : file;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${where}: ${first?.message ?? 'invalid configuration'}${more}`);
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof ConfigError;
}

/** The source line with a gutter and a caret under `column` (both 1-based). */
export function renderSnippet(sourceLine: string, line: number, column: number): string {
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  // Tabs keep their width so the caret stays under the right character.
  const before = sourceLine.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  return ` ${gutter} | ${sourceLine}\n ${pad} | ${before}^`;
}
