// Expands a corpus source's `path` (a file or a glob, relative to the config) to the files it names.
import { stat } from 'node:fs/promises';
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
  if (!isDynamicPattern(source.path)) {
    const file = resolve(baseDir, source.path);
    const info = await stat(file).catch(() => undefined);
    return { files: info?.isFile() ? [file] : [], isGlob: false };
  }
  const files = await glob(source.path, { cwd: baseDir, absolute: true, onlyFiles: true, dot: false, expandDirectories: false });
  return { files: files.sort(), isGlob: true };
}
