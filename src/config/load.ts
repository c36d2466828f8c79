// The one way to get an McpConfig: read mcp.yaml → .env + ${VAR} interpolation → JSON Schema →
// defaults → semantic checks → deep freeze. Every problem comes back located, in a ConfigError.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { ToolKind } from '../runtime/tools/types.js';
import { deepFreeze } from './deep-freeze.js';
import { interpolateData, readDotEnv, type EnvMap } from './env-interpolation.js';
import { ConfigError, type LocatedIssue } from './errors.js';
import { normalizeConfig } from './normalize.js';
import { validateConfigData } from './schema-validation.js';
import { checkConfigSemantics } from './semantic-checks.js';
import type { McpConfig } from './types.js';
import { YamlSource } from './yaml-source.js';

export interface LoadOptions {
  /** Variables for `${VAR}`; default process.env. They win over the `.env` beside the config. */
  readonly env?: EnvMap;
  /** Read `.env` next to the config file (default true). */
  readonly dotenv?: boolean;
  /** Tool kinds to accept (default: the registry). */
  readonly kinds?: readonly ToolKind[];
  /** Called with each warning (e.g. over-long instructions); errors throw instead. */
  readonly onWarning?: (warning: LocatedIssue) => void;
}

export interface LoadedConfig {
  readonly config: McpConfig;
  readonly warnings: readonly LocatedIssue[];
}

/** Loads, validates and freezes a config file. Throws ConfigError (never anything else for bad input). */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<McpConfig> {
  const { config, warnings } = await loadConfigWithWarnings(file, options);
  for (const warning of warnings) options.onWarning?.(warning);
  return config;
}

export async function loadConfigWithWarnings(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const sourcePath = resolve(file);
  const shownName = displayName(sourcePath);
  let text: string;
  let dotenv: Record<string, string>;
  try {
    text = await readFile(sourcePath, 'utf8');
    dotenv = options.dotenv === false ? {} : await readDotEnv(dirname(sourcePath));
  } catch (err) {
    throw unreadable(shownName, err as NodeJS.ErrnoException);
  }
  return parseConfig(text, { ...options, sourcePath, displayName: shownName, env: { ...dotenv, ...(options.env ?? process.env) } });
}

export interface ParseOptions extends Omit<LoadOptions, 'dotenv' | 'onWarning'> {
  /** Absolute path the text came from (relative paths in the config resolve against its folder). */
  readonly sourcePath: string;
  /** Name used in messages (default: sourcePath relative to the working directory). */
  readonly displayName?: string;
}

/** Same pipeline as loadConfig on text already in memory (no .env reading). */
export async function parseConfig(text: string, options: ParseOptions): Promise<LoadedConfig> {
  // Imported here so a caller passing its own kinds never loads every kind module.
  const kinds = options.kinds ?? (await import('../runtime/tools/registry.js')).toolKinds;
  const source = new YamlSource(options.displayName ?? displayName(options.sourcePath), text);

  const syntax = source.syntaxIssues();
  if (syntax.length) throw new ConfigError(source.file, syntax);
  if (source.doc.contents === null) {
    throw new ConfigError(source.file, [source.issue({ code: 'missing-key', path: [], message: 'the file is empty', hint: 'run `mcp-devmode init` for a starting point' })]);
  }

  const interpolated = interpolateData(source.toData(), options.env ?? process.env);
  const envIssues = interpolated.issues.map((i) => source.issue(i));
  const envPaths = new Set(interpolated.issues.map((i) => i.path.join('\u0000')));
  // A missing variable leaves an empty value; schema complaints about that value would only repeat it.
  const schemaIssues = (await validateConfigData(interpolated.data, kinds, interpolated.substitutedPaths))
    .filter((i) => !envPaths.has(i.path.join('\u0000')))
    .map((i) => source.issue(i));
  const blocking = [...envIssues, ...schemaIssues];
  if (blocking.length) throw new ConfigError(source.file, sortByPosition(blocking));

  const data = interpolated.data as { tools?: Record<string, unknown>[] };
  const config = normalizeConfig(data, { kinds, sourcePath: options.sourcePath, envVars: interpolated.envVars });
  deepFreeze(config);

  const checked = (await checkConfigSemantics(config, data.tools ?? [], kinds, source)).map((i) => source.issue(i));
  const errors = checked.filter((i) => i.severity === 'error');
  if (errors.length) throw new ConfigError(source.file, sortByPosition(checked));
  return { config, warnings: sortByPosition(checked) };
}

function sortByPosition(issues: LocatedIssue[]): LocatedIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Paths inside the working directory print relative (shorter, and what the user typed). */
function displayName(sourcePath: string): string {
  const rel = relative(process.cwd(), sourcePath);
  return rel && !rel.startsWith('..') ? rel : sourcePath;
}

function unreadable(file: string, err: NodeJS.ErrnoException): ConfigError {
  const reason = err.code === 'ENOENT' ? 'file not found' : err.code === 'EISDIR' ? 'is a directory' : err.message;
  const hint = err.code === 'ENOENT' ? 'run `mcp-devmode init` to create an mcp.yaml, or pass the path of yours' : undefined;
  return new ConfigError(file, [
    { code: 'file-unreadable', severity: 'error', file, line: 0, column: 0, message: `cannot read ${file}: ${reason}`, ...(hint ? { hint } : {}), snippet: '', path: [] },
  ]);
}
