// The full-text index behind `search`: MiniSearch (BM25+, prefix and typo tolerance) tuned for help-center text.
//
// Why MiniSearch (measured 2026-11-26 on this 2-core machine, shared with other builds, using 100k documents of
// ~930 B from bench/gen-corpus.js; same query mix of 10 queries with prefix + typo tolerance):
//   - minisearch 7.2:   build 10.5 s, p50 106 ms, heap +239 MB, JSON 83 MB, reload 1.9 s; BM25+ ranking,
//                       edit-distance fuzzy, prefix, field boosts, zero dependencies. Chosen.
//   - flexsearch 0.8:   build 16 s, p50 0.9 ms, but no BM25: for "refund anvil" it ranked the 177th document
//                       first (ties kept insertion order); typos only via phonetic encoders; export 427 MB, reload 5 s.
//   - @orama/orama 3.1: 10k documents took 9.1 s to build and 100k did not finish in 8 min; p99 10 s at 10k.
// With the options below (stop words, plural folding, bounded fuzzy), 100k documents cost ~30 s to build once,
// a cached restart is ready after ~0.3 s of CPU (manifest only), the deferred index load takes ~4.6 s of CPU,
// and queries take ~77 ms CPU at p50 (~575 ms p99 for long all-common-words queries): MiniSearch scores every
// posting of every matched term, so cost grows with how common the query words are.
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';

/** Indexed shape: `i` is the document's position in the corpus; only it is stored in the index. */
export interface IndexedFields {
  readonly i: number;
  readonly title: string;
  readonly text: string;
}

// Lucene's English stop words: they match nearly every document, cost the most time and add no signal.
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is',
  'it', 'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this',
  'to', 'was', 'will', 'with']);

/**
 * Lucene's EnglishMinimalStemmer (Harman's S-stemmer): folds plurals so "refunds" matches "refund"
 * exactly instead of only as a weaker prefix match.
 */
function stemPlural(term: string): string {
  if (term.length < 4 || !term.endsWith('s')) return term;
  if (term.endsWith('ies') && !term.endsWith('eies') && !term.endsWith('aies')) return term.slice(0, -3) + 'y';
  if (/[aeio]es$/.test(term)) return term;
  if (term.endsWith('us') || term.endsWith('ss')) return term;
  return term.slice(0, -1);
}

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : stemPlural(lower);
}

/**
 * Exact matches weigh 1, prefix 0.375, fuzzy 0.45 × (1 - distance/term length), and titles are boosted,
 * so a typo-tolerant match never outranks the document that matches the words exactly.
 */
const SEARCH_OPTIONS: SearchOptions = {
  boost: { title: 3 },
  combineWith: 'OR',
  // Prefix from 3 characters ("subscr" → subscription); shorter prefixes match half the vocabulary.
  prefix: (term) => term.length >= 3,
  // One typo from 4 characters, two from 6 ("refnud" → refund is two substitutions).
  fuzzy: (term) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0),
  maxFuzzy: 2,
  weights: { fuzzy: 0.45, prefix: 0.375 },
};

const INDEX_OPTIONS: Options<IndexedFields> = {
  idField: 'i',
  fields: ['title', 'text'],
  storeFields: [],
  processTerm,
  searchOptions: SEARCH_OPTIONS,
};

/** Bumped whenever the options above change, so cached indexes built with old options are rebuilt. */
export const INDEX_FORMAT = 'minisearch-7/v2';

export type SearchIndex = MiniSearch<IndexedFields>;

export function createSearchIndex(): SearchIndex {
  return new MiniSearch<IndexedFields>(INDEX_OPTIONS);
}

/** Synchronous on purpose: MiniSearch's async loader sleeps on setTimeout between chunks (10k docs: ~1 s vs ~0.1 s). */
export function loadSearchIndex(json: string): SearchIndex {
  return MiniSearch.loadJSON<IndexedFields>(json, INDEX_OPTIONS);
}

/** Positions of the best matches, best first. */
export function searchIndex(index: SearchIndex, query: string, limit: number): { position: number; score: number }[] {
  const results = index.search(query);
  const out: { position: number; score: number }[] = [];
  for (let k = 0; k < results.length && k < limit; k++) {
    const r = results[k]!;
    out.push({ position: r.id as number, score: r.score });
  }
  return out;
}
