// Which files and folders a config needs at run time, as relative paths to copy into the image.
import { posix } from 'node:path';
import type { McpConfig } from '../config/types.js';
import type { DeployProblem } from './types.js';

/** Keys that name a file in tool/resource/prompt entries (checked for existence by the caller). */
const FILE_KEYS = new Set(['file', 'files', 'path', 'module', 'script', 'template', 'source', 'src']);
const GLOB_CHARS = /[*?[\]{}!()]/;

export interface ReferencedPaths {
  /** Paths the config certainly needs (corpus sources). */
  readonly required: readonly string[];
  /** Paths that may be files (values under file-like keys); keep only those that exist. */
  readonly candidates: readonly string[];
}

/** The part of a glob before its first wildcard segment: what a COPY can name. */
export function staticPrefix(glob: string): string {
  const segments = glob.split('/');
  const index = segments.findIndex((segment) => GLOB_CHARS.test(segment));
  if (index === -1) return glob;
  return segments.slice(0, index).join('/') || '.';
}

/** Normalises a config-relative path; a problem when it leaves the project folder. */
export function toProjectPath(raw: string): string | DeployProblem {
  const path = posix.normalize(raw.replaceAll('\\', '/')).replace(/\/+$/, '');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path === '..' || path.startsWith('../')) {
    return {
      code: 'DEPLOY_PATH_OUTSIDE_PROJECT',
      message: `"${raw}" is outside the folder of the config, so it cannot be copied into the image`,
      fix: 'Move the file next to mcp.yaml (or into a subfolder) and refer to it with a relative path.',
    };
  }
  return path === '' ? '.' : path;
}

/** Collects the corpus sources and file-like values of tools, resources and prompts. */
export function referencedPaths(config: McpConfig): ReferencedPaths {
  const required: string[] = [];
  for (const corpus of Object.values(config.corpora)) {
    for (const source of corpus.sources) required.push(staticPrefix(source.path));
  }
  const candidates: string[] = [];
  const visit = (value: unknown, key: string | undefined): void => {
    if (typeof value === 'string') {
      if (key !== undefined && FILE_KEYS.has(key) && looksLikeRelativeFile(value)) candidates.push(staticPrefix(value));
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  for (const entry of [...config.tools, ...config.resources, ...config.prompts]) visit(entry, undefined);
  return { required, candidates };
}

function looksLikeRelativeFile(value: string): boolean {
  return value.length > 0 && !value.startsWith('/') && !value.includes('://') && !value.includes('{{') && !/\s/.test(value);
}

/** Drops duplicates and paths already covered by a parent folder in the list; sorted. */
export function collapsePaths(paths: readonly string[], exclude: readonly string[] = []): string[] {
  const unique = [...new Set(paths)].filter((p) => !exclude.includes(p)).sort();
  if (unique.includes('.')) return ['.'];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(`${q}/`)));
}
