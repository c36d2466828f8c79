// Documents and the shared index that search, fetch and (later) resources read.

export interface CorpusDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** Always absolute http(s). */
  readonly url: string;
  readonly metadata?: { readonly [key: string]: unknown };
}

export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly score: number;
}

export interface Corpus {
  readonly name: string;
  readonly size: number;
  search(query: string, limit: number): SearchHit[];
  get(id: string): CorpusDocument | undefined;
  /** Documents in a stable order (resources/list pages through these). */
  list(offset: number, limit: number): CorpusDocument[];
  /** True when the documents and index came from the on-disk cache rather than a fresh parse. */
  readonly fromCache?: boolean;
  /** Milliseconds the build or cache load took. */
  readonly loadMs?: number;
  /** Releases files the corpus holds open (cached bodies are read on demand). */
  close?(): void;
}

/** Called while a corpus is parsed and indexed; `done` counts documents indexed so far. */
export type CorpusProgress = (done: number, total: number, corpus: string) => void;

export interface CorpusProvider {
  /** Builds (or loads the cached index of) the named corpus once; later calls share it. */
  get(name: string): Promise<Corpus>;
}

export type { CorpusError } from './errors.js';
