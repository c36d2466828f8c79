// Builds one corpus from its sources (or loads it from the index cache) into a searchable Corpus.
import { readFile } from 'node:fs/promises';
import type { CorpusConfig } from '../../config/types.js';
import type { Logger } from '../logger.js';
import { memoryStore, type DocumentStore } from './document-store.js';
import { resolveDocumentUrl } from './document-url.js';
import { CorpusError } from './errors.js';
import { cacheKey, readCache, writeCache } from './index-cache.js';
import { parseTextDocument } from './markdown-source.js';
import type { RawDocument } from './raw-document.js';
import { createSearchIndex, searchIndex, type SearchIndex } from './search-index.js';
import { listSourceFiles, type SourceFile } from './source-files.js';
import type { Corpus, CorpusDocument, CorpusProgress, SearchHit } from './types.js';

export interface LoadCorpusOptions {
  readonly baseDir: string;
  readonly publicUrl?: string;
  readonly logger: Logger;
  readonly onProgress?: CorpusProgress;
  /** Default true; false skips reading and writing the on-disk cache. */
  readonly cache?: boolean;
  /** Default true: right after a cached corpus is returned, parse its search index in the next tick. */
  readonly warmIndex?: boolean;
}

// Files read at once: enough to hide disk latency on 100k small Markdown files, few enough for fd limits.
const READ_CONCURRENCY = 64;
// Documents indexed between yields to the event loop (keeps a serving process responsive, drives progress).
const INDEX_CHUNK = 2000;

export async function loadCorpus(config: CorpusConfig, options: LoadCorpusOptions): Promise<Corpus> {
  const started = performance.now();
  const files: SourceFile[] = [];
  for (const source of config.sources) files.push(...await listSourceFiles(config.name, source, options.baseDir));
  const key = cacheKey(config, files, options.publicUrl);
  const useCache = options.cache !== false;

  if (useCache) {
    try {
      const cached = await readCache(options.baseDir, config.name, key);
      if (cached) {
        const loadMs = Math.round(performance.now() - started);
        options.logger.debug({ corpus: config.name, documents: cached.store.heads.length, loadMs }, 'corpus loaded from index cache');
        const corpus = makeCorpus(config.name, cached.store, cached.loadIndex, true, loadMs);
        if (options.warmIndex !== false) setImmediate(() => corpus.warm());
        return corpus;
      }
    } catch (err) {
      options.logger.warn({ corpus: config.name, err: (err as Error).message }, 'index cache unreadable; rebuilding');
    }
  }

  const documents = await readDocuments(config, files, options);
  const index = await indexDocuments(config.name, documents, options.onProgress);
  if (useCache) {
    try {
      await writeCache(options.baseDir, config.name, key, documents, index);
    } catch (err) {
      options.logger.warn({ corpus: config.name, err: (err as Error).message }, 'could not write the index cache; the next start rebuilds');
    }
  }
  const loadMs = Math.round(performance.now() - started);
  options.logger.info({ corpus: config.name, documents: documents.length, files: files.length, loadMs }, 'corpus indexed');
  return makeCorpus(config.name, memoryStore(documents), () => index, false, loadMs);
}

async function readDocuments(config: CorpusConfig, files: readonly SourceFile[], options: LoadCorpusOptions): Promise<CorpusDocument[]> {
  // Only when a cached index cannot be used: csv-parse would add ~10 ms to every cached start.
  const { parseRecordDocuments } = await import('./record-source.js');
  const perFile: RawDocument[][] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const at = next++;
      const file = files[at]!;
      let content: string;
      try {
        content = await readFile(file.absolutePath, 'utf8');
      } catch (err) {
        throw new CorpusError('CORPUS_READ_FAILED', `Corpus "${config.name}": cannot read ${file.path}: ${(err as Error).message}`, 'Check the file exists and is readable.');
      }
      perFile[at] = file.format === 'markdown' || file.format === 'text'
        ? [parseTextDocument(file, content)]
        : parseRecordDocuments(file, content, file.fields);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  const bases = { corpusName: config.name, baseUrl: config.baseUrl, publicUrl: options.publicUrl };
  const seen = new Map<string, string>();
  const documents: CorpusDocument[] = [];
  for (const raw of perFile.flat()) {
    const earlier = seen.get(raw.id);
    if (earlier !== undefined) {
      throw new CorpusError('CORPUS_DUPLICATE_ID', `Corpus "${config.name}": id "${raw.id}" appears twice: in ${earlier} and in ${raw.origin}.`,
        'Ids must be unique within a corpus: rename one, or map another field as the id.');
    }
    seen.set(raw.id, raw.origin);
    const doc: CorpusDocument = { id: raw.id, title: raw.title, text: raw.text, url: resolveDocumentUrl(raw, bases) };
    documents.push(raw.metadata ? { ...doc, metadata: raw.metadata } : doc);
  }
  return documents;
}

async function indexDocuments(name: string, documents: readonly CorpusDocument[], onProgress: CorpusProgress | undefined): Promise<SearchIndex> {
  const index = createSearchIndex();
  const total = documents.length;
  onProgress?.(0, total, name);
  for (let start = 0; start < total; start += INDEX_CHUNK) {
    const end = Math.min(total, start + INDEX_CHUNK);
    for (let i = start; i < end; i++) {
      const d = documents[i]!;
      index.add({ i, title: d.title, text: d.text });
    }
    onProgress?.(end, total, name);
    if (end < total) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return index;
}

type WarmCorpus = Corpus & { warm(): void };

function makeCorpus(name: string, store: DocumentStore, loadIndex: () => SearchIndex, fromCache: boolean, loadMs: number): WarmCorpus {
  const positionById = new Map<string, number>();
  store.heads.forEach(([id], position) => positionById.set(id, position));
  let index: SearchIndex | undefined;
  let indexFailure: unknown;
  const searchable = (): SearchIndex => {
    if (index) return index;
    if (indexFailure) throw indexFailure;
    try {
      return (index = loadIndex());
    } catch (err) {
      indexFailure = err;
      throw err;
    }
  };
  return {
    name,
    size: store.heads.length,
    fromCache,
    loadMs,
    search(query: string, limit: number): SearchHit[] {
      return searchIndex(searchable(), query, limit).map(({ position, score }) => {
        const [id, title, url] = store.heads[position]!;
        return { id, title, url, score };
      });
    },
    get(id: string): CorpusDocument | undefined {
      const position = positionById.get(id);
      return position === undefined ? undefined : store.document(position);
    },
    list(offset: number, limit: number): CorpusDocument[] {
      const out: CorpusDocument[] = [];
      const end = Math.min(store.heads.length, Math.max(0, offset) + Math.max(0, limit));
      for (let position = Math.max(0, offset); position < end; position++) out.push(store.document(position));
      return out;
    },
    close: () => store.close(),
    warm() {
      try {
        searchable();
      } catch {
        // Kept in indexFailure; the next search reports it.
      }
    },
  };
}
