// Expands a corpus source's glob into files (relative to the config directory) and infers formats.
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { glob } from 'tinyglobby';
import type { CorpusSource } from '../../config/types.js';
import { CorpusError } from './errors.js';

export type SourceFormat = NonNullable<CorpusSource['format']>;

export interface SourceFile {
  /** Relative to the config directory, forward slashes (stable across machines for cache keys). */
  readonly path: string;
  readonly absolutePath: string;
  /** Relative to the glob's fixed prefix: `data/articles/*.md` + `data/articles/a/b.md` → `a/b.md`. */
  readonly pathInSource: string;
  readonly format: SourceFormat;
  /** The source's field mapping (json/jsonl/csv). */
  readonly fields?: CorpusSource['fields'];
  readonly size: number;
  readonly mtimeMs: number;
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdx': 'markdown',
  '.txt': 'text', '.text': 'text',
  '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv',
};

export function inferFormat(path: string): SourceFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
}

/** The leading path segments that hold no glob syntax. */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}()!]/.test(segment)) break;
    fixed.push(segment);
  }
  // A pattern naming one file has its directory as base.
  return fixed.join('/');
}

export async function listSourceFiles(corpusName: string, source: CorpusSource, baseDir: string): Promise<SourceFile[]> {
  const pattern = source.path.replace(/\\/g, '/').replace(/^\.\//, '');
  const matches = await glob(pattern, { cwd: baseDir, onlyFiles: true, dot: false, expandDirectories: false });
  if (matches.length === 0) {
    throw new CorpusError('CORPUS_NO_FILES', `Corpus "${corpusName}": source "${source.path}" matches no files under ${baseDir}.`,
      'Check the path; it is a glob relative to the directory of mcp.yaml.');
  }
  const base = globBase(pattern);
  matches.sort();
  return Promise.all(matches.map(async (path) => {
    const format = source.format ?? inferFormat(path);
    if (!format) {
      throw new CorpusError('CORPUS_READ_FAILED', `Corpus "${corpusName}": cannot tell the format of ${path}.`,
        'Set `format:` on the source (markdown, text, json, jsonl or csv).');
    }
    const absolutePath = join(baseDir, path);
    const info = await stat(absolutePath);
    const pathInSource = base && path.startsWith(base + '/') ? path.slice(base.length + 1) : path;
    return { path, absolutePath, pathInSource, format, fields: source.fields, size: info.size, mtimeMs: info.mtimeMs };
  }));
}
