// Where a corpus keeps its documents: in memory after a fresh build, or read on demand from the index cache.
import { closeSync, openSync, readSync } from 'node:fs';
import type { CorpusDocument } from './types.js';

/** What the search path needs for every document, always in memory. */
export type DocumentHead = readonly [id: string, title: string, url: string];

export interface DocumentStore {
  readonly heads: readonly DocumentHead[];
  document(position: number): CorpusDocument;
  close(): void;
}

export function memoryStore(documents: readonly CorpusDocument[]): DocumentStore {
  return {
    heads: documents.map((d) => [d.id, d.title, d.url] as const),
    document: (position) => documents[position]!,
    close: () => undefined,
  };
}

/** Body line in the cache's documents file. */
export interface StoredBody {
  readonly text: string;
  readonly metadata?: { readonly [key: string]: unknown };
}

/**
 * Bodies stay on disk (one JSON line each, located by byte offsets): a 100k-document corpus starts
 * without parsing ~100 MB of text, and fetch pays one small positional read.
 */
export function fileStore(path: string, heads: readonly DocumentHead[], offsets: readonly number[]): DocumentStore {
  const fd = openSync(path, 'r');
  return {
    heads,
    document(position) {
      const [id, title, url] = heads[position]!;
      const start = offsets[position]!;
      const buffer = Buffer.allocUnsafe(offsets[position + 1]! - start);
      readSync(fd, buffer, 0, buffer.length, start);
      const body = JSON.parse(buffer.toString('utf8')) as StoredBody;
      return body.metadata ? { id, title, text: body.text, url, metadata: body.metadata } : { id, title, text: body.text, url };
    },
    close: () => closeSync(fd),
  };
}
