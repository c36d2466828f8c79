// `${VAR}` / `${VAR:-default}` substitution in every string value, `$${` as a literal `${`, and .env loading.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { DocPath, IssueInput } from './yaml-source.js';

export type EnvMap = Readonly<Record<string, string | undefined>>;

const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

export interface StringInterpolation {
  readonly value: string;
  /** True when at least one `${…}` was substituted (not just escapes). */
  readonly substituted: boolean;
  readonly referenced: readonly string[];
  readonly problems: readonly { readonly code: 'env-missing' | 'env-syntax'; readonly message: string; readonly hint: string; readonly needle: string }[];
}

/** Substitutes one string. Unset or empty variables take their `:-default` (shell semantics). */
export function interpolateString(input: string, env: EnvMap): StringInterpolation {
  if (!input.includes('${')) return { value: input, substituted: false, referenced: [], problems: [] };
  const referenced: string[] = [];
  const problems: StringInterpolation['problems'][number][] = [];
  let substituted = false;
  const value = input.replace(TOKEN, (match: string, inner: string | undefined) => {
    if (match === '$${') return '${';
    const ref = inner === undefined ? null : REFERENCE.exec(inner);
    if (!ref) {
      problems.push({
        code: 'env-syntax',
        message: inner === undefined ? 'unterminated "${" in value' : `invalid variable reference "${match}"`,
        hint: 'write ${NAME} or ${NAME:-default} (NAME: letters, digits, _); write $${ for a literal "${"',
        needle: match,
      });
      return match;
    }
    const name = ref[1] as string;
    const fallback = ref[2];
    referenced.push(name);
    substituted = true;
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    if (fallback !== undefined) return fallback;
    problems.push({
      code: 'env-missing',
      message: `environment variable ${name} is not set`,
      hint: `set ${name} in the environment or in a .env file next to the config, or give a default: \${${name}:-value}`,
      needle: match,
    });
    return '';
  });
  return { value, substituted, referenced, problems };
}

export interface DataInterpolation {
  readonly data: unknown;
  /** JSON-pointer-like keys ("/server/port") of values that came from a substitution. */
  readonly substitutedPaths: ReadonlySet<string>;
  readonly envVars: readonly string[];
  readonly issues: readonly IssueInput[];
}

export function pathKey(path: DocPath): string {
  return path.map((s) => `/${String(s)}`).join('');
}

/** Walks parsed YAML data and substitutes every string scalar value (keys are left alone). */
export function interpolateData(data: unknown, env: EnvMap): DataInterpolation {
  const substitutedPaths = new Set<string>();
  const envVars = new Set<string>();
  const issues: IssueInput[] = [];

  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      const result = interpolateString(value, env);
      for (const name of result.referenced) envVars.add(name);
      for (const p of result.problems) issues.push({ code: p.code, path: [...path], message: p.message, hint: p.hint, needle: p.needle });
      if (result.substituted) substitutedPaths.add(pathKey(path));
      return result.value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, [...path, k]);
      return out;
    }
    return value;
  };

  return { data: walk(data, []), substitutedPaths, envVars: [...envVars], issues };
}

/** Variables from `<dir>/.env` (empty when there is none); parsed by node's own parser. */
export async function readDotEnv(dir: string): Promise<Record<string, string>> {
  try {
    return { ...parseEnv(await readFile(join(dir, '.env'), 'utf8')) } as Record<string, string>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}
