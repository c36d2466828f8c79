// The files and folders `dev` watches for a config: the config itself, the .env beside it, corpus
// sources (the folder before the first wildcard) and files named by tools (module files).
import { dirname, join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { McpConfig } from '../config/types.js';
import { referencedPaths, staticPrefix } from '../deploy/referenced-paths.js';

export interface WatchTargets {
  /** Absolute paths: files, and folders watched recursively. */
  readonly paths: readonly string[];
}

/** Before any config has loaded: the file and its .env, so fixing either triggers a load. */
export function initialTargets(configFile: string): WatchTargets {
  const file = resolve(configFile);
  return { paths: [file, join(dirname(file), '.env')] };
}

export function watchTargets(config: McpConfig): WatchTargets {
  const { required, candidates } = referencedPaths(config);
  const referenced = [...required, ...candidates].map((p) => resolve(config.baseDir, p));
  // The project folder itself would catch every write (node_modules, the state DB): never watch it
  // whole. A glob at its top level (`*.md`) is watched as the files it matches now.
  const inside = referenced.filter((p) => p !== config.baseDir);
  const topLevel = Object.values(config.corpora)
    .flatMap((corpus) => corpus.sources.map((s) => s.path))
    .filter((glob) => staticPrefix(glob) === '.')
    .flatMap((glob) => globSync(glob, { cwd: config.baseDir, absolute: true, onlyFiles: true }));
  return { paths: [...new Set([config.sourcePath, join(config.baseDir, '.env'), ...inside, ...topLevel])].sort() };
}
