// Expands a corpus source's `path` (a file or a glob, relative to the config) to the files it names.
// Same matching rules as the corpus loader (src/runtime/corpus/source-files.ts), so `validate`
// reports "no file" exactly when indexing would find none.
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { CorpusSource } from './types.js';

export interface ResolvedSource {
  /** Absolute paths, sorted, so document order is stable between runs. */
  readonly files: readonly string[];
  /** True when `path` is a glob rather than one file name. */
  readonly isGlob: boolean;
}

export async function resolveCorpusSource(baseDir: string, source: Pick<CorpusSource, 'path'>): Promise<ResolvedSource> {
  const pattern = source.path.replace(/\\/g, '/').replace(/^\.\//, '');
  const matches = await glob(pattern, { cwd: baseDir, onlyFiles: true, dot: false, expandDirectories: false });
  return { files: matches.map((m) => resolve(baseDir, m)).sort(), isGlob: isDynamicPattern(pattern) };
}
