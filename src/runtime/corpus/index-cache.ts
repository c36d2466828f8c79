// Persists a built corpus (documents + search index) under <baseDir>/.mcp-devmode/index/ and reuses it
// while the sources are unchanged, so restarts skip parsing and indexing.
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { CorpusConfig } from '../../config/types.js';
import { fileStore, type DocumentHead, type DocumentStore, type StoredBody } from './document-store.js';
import { INDEX_FORMAT, loadSearchIndex, serializeSearchIndex, type SearchIndex } from './search-index.js';
import type { SourceFile } from './source-files.js';
import type { CorpusDocument } from './types.js';
import { CorpusError } from './errors.js';

const MANIFEST = 'manifest.json';
const DOCUMENTS = 'documents.jsonl';
const INDEX = 'search-index.bin';

interface Manifest {
  readonly key: string;
  readonly count: number;
  readonly heads: readonly DocumentHead[];
  /** count + 1 byte offsets into documents.jsonl. */
  readonly offsets: readonly number[];
  /** Byte size of search-index.bin, to catch a truncated file before it is read. */
  readonly indexBytes: number;
}

export function cacheRoot(baseDir: string): string {
  return join(baseDir, '.mcp-devmode', 'index');
}

function corpusDir(baseDir: string, corpus: string): string {
  return join(cacheRoot(baseDir), encodeURIComponent(corpus));
}

/** Changes whenever a source file, the corpus settings, the URL base or the index format changes. */
export function cacheKey(corpus: CorpusConfig, files: readonly SourceFile[], publicUrl: string | undefined): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({
    format: INDEX_FORMAT,
    corpus: { sources: corpus.sources, baseUrl: corpus.baseUrl },
    publicUrl,
    files: files.map((f) => [f.path, f.format, f.size, f.mtimeMs]),
  }));
  return hash.digest('hex').slice(0, 32);
}

export interface CachedCorpus {
  readonly store: DocumentStore;
  /**
   * Reads the binary search index (100k documents: ~75 MB read into one buffer and viewed in place, ~0.1 s
   * of CPU). Deferred so a cached corpus is ready as soon as its manifest is read: fetch works at once and
   * the index loads on the first search or when the caller warms it.
   */
  readonly loadIndex: () => SearchIndex;
}

/** The cached corpus for this key, or undefined when absent or unreadable (the caller rebuilds). */
export async function readCache(baseDir: string, corpus: string, key: string): Promise<CachedCorpus | undefined> {
  const dir = join(corpusDir(baseDir, corpus), key);
  let manifestText: string;
  try {
    manifestText = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(manifestText) as Manifest;
  if (manifest.key !== key || manifest.heads.length !== manifest.count || manifest.offsets.length !== manifest.count + 1) {
    throw new Error('manifest does not match its key or counts');
  }
  const indexPath = join(dir, INDEX);
  if ((await stat(indexPath)).size !== manifest.indexBytes) throw new Error('search index file is truncated');
  const store = fileStore(join(dir, DOCUMENTS), manifest.heads, manifest.offsets);
  const loadIndex = (): SearchIndex => {
    let index: SearchIndex;
    try {
      index = loadSearchIndex(readFileSync(indexPath));
      if (index.documentCount !== manifest.count) throw new Error('index and manifest disagree on the document count');
    } catch (err) {
      // Drop the broken cache so the next start rebuilds it.
      void rm(dir, { recursive: true, force: true });
      throw new CorpusError('CORPUS_CACHE_CORRUPT', `The cached search index of corpus "${corpus}" is unreadable (${(err as Error).message}).`,
        'Restart the server: the cache was removed and will be rebuilt.');
    }
    return index;
  };
  return { store, loadIndex };
}

/** Writes the cache for this key; the manifest goes last, so a half-written cache is never read. */
export async function writeCache(baseDir: string, corpus: string, key: string, documents: readonly CorpusDocument[], index: SearchIndex): Promise<void> {
  const root = corpusDir(baseDir, corpus);
  const dir = join(root, key);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const offsets: number[] = [0];
  const out = createWriteStream(join(dir, DOCUMENTS));
  let position = 0;
  for (const d of documents) {
    const body: StoredBody = d.metadata ? { text: d.text, metadata: d.metadata } : { text: d.text };
    const line = JSON.stringify(body) + '\n';
    position += Buffer.byteLength(line);
    offsets.push(position);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const indexBytes = serializeSearchIndex(index);
  await writeFile(join(dir, INDEX), indexBytes);
  const manifest: Manifest = { key, count: documents.length, heads: documents.map((d) => [d.id, d.title, d.url]), offsets, indexBytes: indexBytes.byteLength };
  await writeFile(join(dir, `${MANIFEST}.tmp`), JSON.stringify(manifest));
  await rename(join(dir, `${MANIFEST}.tmp`), join(dir, MANIFEST));
  // Older builds of this corpus are stale now.
  for (const entry of await readdir(root)) {
    if (entry !== key) await rm(join(root, entry), { recursive: true, force: true });
  }
}
