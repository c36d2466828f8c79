// The full-text index behind `search`: a compact BM25+ inverted index in typed arrays, with title boost,
// prefix matching, typo tolerance for words the corpus does not contain, and exact top-k pruning.
//
// Query latency, 2026-11-26 (bench/search-latency.js: 100k documents of ~930 B from bench/gen-corpus.js, limit 10,
// NO result cache; median of 3 runs each on the 2-core machine, 1-min load 1.4-2.0; ms per query, p50 / p99):
//                                      before (MaxScore by word)   after (tiers, block maxima, bitsets, seeds)
//   bench/targets.js mix               0.30 / 0.84                 0.072 / 0.43
//     refund, warranty                 0.075-0.077 / 0.12-0.15     0.015-0.018 / 0.03-0.04
//     shipping Canada, reset password,
//     cancel subscription, invoice G.  0.26-0.30 / 0.31-0.44       0.068-0.076 / 0.12-0.17 (one outlier 0.8)
//     gift card Anvil                  0.39 / 0.57                 0.25 / 0.32
//     track delivery Jet Bike          0.39 / 0.47                 0.21 / 0.29
//   56 fixed queries (QUERIES there)   0.44 / 1.27                 0.18 / 1.33
//   500 random queries (1-4 corpus
//     words, typos, prefixes) x 5      0.41 / 2.76 (p90 1.91)      0.24 / 2.92 (p90 1.50)
//     first sight of each query        0.43 / 3.0                  0.30 / 3.6
//   build (parse+index+cache), 100k    6.8 s wall, 7.4 s CPU       8.4 s wall, 8.6 s CPU (RSS 388 -> 439 MB)
//   index load on first search         67 ms (65 MB file)          65 ms (75 MB file); RSS after load 175 MB both
// (Before and after runs interleaved. Three more runs of "after" at load 2.0-2.2: mix 0.089 / 0.39, random
// 0.26 / 3.1. This machine is slow: a bare loop over 93k postings takes ~0.28 ms.)
// The p99 is queries whose last word is a short syllable ("ost", "mer") expanding to 64 completions: ~290k postings
// scored exhaustively either way (2.5-3 ms). Earlier (MiniSearch 7.2 on the same corpus): p50 136 ms, p99 717 ms,
// build 104 s, index load 8.5 s, RSS 1087 MB.
//
// Ranking model (MiniSearch's, kept: BM25+ k=1.2 b=0.7 d=0.5, field length = distinct tokens, title ×3, prefix
// weight 0.375, fuzzy 0.45, the score multiplied by how many query words matched):
//   - postings are flat typed arrays and each posting stores its whole BM25+ score (the "impact": idf, tf and
//     lengths are fixed once built), so a query multiplies by a weight and adds;
//   - a word the vocabulary contains is matched exactly (it is not a typo); prefix expansion (at most 64 terms,
//     most frequent first) applies to words the vocabulary lacks and to the last query word (search-as-you-type),
//     edit-distance expansion only to words the vocabulary lacks (search-expand.ts, memoised per index).
// Layout, all in one binary file read as views over one buffer:
//   - each term's postings are two tiers, each in document order: its best (at the largest fall in impact between
//     ranks df/64 and df/3, typically title vs text, else the top 1/16) and the rest, with a lower bound;
//   - the highest impact of every 64 postings; the 64 best postings of each term; a bitset of the documents of each
//     term in at least 1/32 of them (4 MB at 100k documents).
// A query (search-maxscore.ts; results equal exhaustive scoring, which test/runtime/corpus/search-index.test.ts checks
// on fixed and 700 random queries):
//   - seeds the top k with documents likely to be best: of a small high tier, those in a high tier of every other
//     word (bitsets, then the tiers), scored exactly; so the k-th best starts near its final value;
//   - MaxScore over the term tiers: the tiers that together cannot lift a document to the k-th best are only probed
//     (bitset first, then a galloping search) for documents found in the others, chosen along the order (by bound,
//     by postings per bound, or one word's tiers last) that leaves the fewest postings to read; one essential tier
//     is scanned skipping blocks whose maximum cannot compete; several are read a window of documents at a time;
//   - a query of more than 24 term tiers (a short last word's completions) is scored exhaustively in one pass: its
//     bounds are too loose to prune (windows cost up to 70% more on such queries).
// Measured and dropped: block maxima alone, without tiers (title-level impacts are spread through every block:
// "shipping canada" still read 16k postings); sorting window candidates (V8's typed-array sort cost more than the
// ordered look-ups saved); skipping the lightest trailing words ("how", "your") of exhaustive queries and looking
// them up only for documents that can still compete (slower: too many such documents); seeding from one term's 64
// best postings only (they rarely hold the other words; the k-th best started at a third of its final value).
//
// History: MiniSearch 7 was picked first (over flexsearch 0.8: no BM25, 427 MB export; and @orama/orama 3.1:
// 100k did not build in 8 min); it scored every posting of every prefix and fuzzy expansion and serialised to JSON.
// SQLite FTS5 (better-sqlite3 12, porter unicode61, prefix='3', bm25(3, 1), ORDER BY rank LIMIT 10) was measured on
// the same 100k documents: build 11 s, but 20 ms for "refund", 30-57 ms for the 2-4 word queries of
// bench/targets.js and 165 ms for "how to cancel a membership for jet bike in japan" (an OR query ranks every
// matching row), and no typo tolerance: far from sub-millisecond, so it was not adopted.

import { expandWord } from './search-expand.js';
import { topDocuments } from './search-maxscore.js';
import { BLOCK_SHIFT, TopK, seek, topDocumentsExhaustive, type Hit, type QueryTerm } from './search-topk.js';

/** Indexed shape: `i` is the document's position in the corpus. */
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

// Splits on white space and punctuation, as MiniSearch did.
const SPLIT = /[\n\r\p{Z}\p{P}]+/u;

/** Index terms of a text, stop words removed and plurals folded. */
export function analyze(text: string): string[] {
  return analyzeTokens(text.split(SPLIT));
}

function analyzeTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    if (!raw) continue;
    const lower = raw.toLowerCase();
    if (!STOP_WORDS.has(lower)) out.push(stemPlural(lower));
  }
  return out;
}

/**
 * Terms of a field and its BM25 length: the number of distinct raw tokens, as MiniSearch counted it, so long
 * articles that repeat their vocabulary are not penalised as hard as a raw token count would.
 */
function analyzeField(text: string): { terms: string[]; length: number } {
  const tokens = text.split(SPLIT);
  return { terms: analyzeTokens(tokens), length: new Set(tokens).size };
}

// BM25+ parameters (MiniSearch's defaults) and the ranking weights.
const K = 1.2;
const B = 0.7;
const D = 0.5;
const TITLE_BOOST = 3;
/** Distinct words of a query that are searched (a document's matched words are bits of a 32-bit mask). */
const MAX_QUERY_WORDS = 32;
/** Term frequencies are counted in 16 bits while building. */
const MAX_COUNT = 0xffff;
/**
 * Highest-impact postings listed per term (≥ the search tool's largest limit, 50): a one-term query starts with
 * them as its top k, so it skips nearly every block of its postings.
 */
const CHAMPIONS = 64;

/** Bumped whenever analysis, ranking or the file layout changes, so cached indexes are rebuilt. */
export const INDEX_FORMAT = 'bm25-impacts/v2';
const MAGIC = 0x4d445349; // "MDSI"

export interface FrozenIndex {
  readonly documentCount: number;
  /** Sorted, so a prefix is a contiguous range. */
  readonly vocabulary: readonly string[];
  readonly termIds: Map<string, number>;
  /** Postings of term t are [offsets[t], offsets[t + 1]), in two tiers (see splits). */
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  /**
   * The posting's whole BM25+ score (title × boost + text), computed once at build: idf, tf and field lengths
   * are all fixed by then, so a query only multiplies by the expansion's weight and adds.
   */
  readonly impacts: Float32Array;
  /** Highest impact per term: the exact bound MaxScore prunes with. */
  readonly maxImpact: Float32Array;
  /** Highest impact per block of 1 << BLOCK_SHIFT postings; term t's blocks start at blockOffsets[t]. */
  readonly blockMax: Float32Array;
  readonly blockOffsets: Uint32Array;
  /**
   * Term t's min(df, CHAMPIONS) highest-impact postings (indices into docs/impacts), by falling impact then
   * document, at [championOffsets[t], championOffsets[t + 1]).
   */
  readonly champions: Uint32Array;
  readonly championOffsets: Uint32Array;
  /**
   * One bit per document for each term in at least 1/32 of the slots (a bitset no larger than its postings):
   * whether a document has the term is then one read instead of a search. Term t's bitset starts at word
   * bitsetOffsets[t] of bitsets, or bitsetOffsets[t] is -1.
   */
  readonly bitsets: Uint32Array;
  readonly bitsetOffsets: Int32Array;
  /**
   * Each term's postings are two tiers, each in document order: [offsets[t], splits[t]) holds its highest-impact
   * postings (see splitTiers), [splits[t], offsets[t + 1]) the rest, whose bound lowMax[t] is lower: a query can
   * often leave the low tier of a word to probing.
   */
  readonly splits: Uint32Array;
  readonly lowMax: Float32Array;
  /** Largest position + 1 (the size of per-document scratch arrays). */
  readonly slots: number;
}

/** Grows while documents are added; freezes into typed arrays on first search or serialisation. */
class Builder {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  termOf = new Uint32Array(1 << 16);
  docOf = new Uint32Array(1 << 16);
  tfTitleOf = new Uint16Array(1 << 16);
  tfTextOf = new Uint16Array(1 << 16);
  size = 0;
  lenTitle: number[] = [];
  lenText: number[] = [];
  lastPosition = -1;

  add(position: number, title: string, text: string): void {
    if (!Number.isInteger(position) || position <= this.lastPosition) throw new Error('documents must be added in increasing position order');
    this.lastPosition = position;
    const counts = new Map<number, number>();
    const { terms: titleTerms, length: titleLength } = analyzeField(title);
    const { terms: textTerms, length: textLength } = analyzeField(text);
    // Low 16 bits: text tf, high bits: title tf.
    for (const t of titleTerms) { const id = this.termId(t); counts.set(id, Math.min((counts.get(id) ?? 0) + 0x10000, MAX_COUNT * 0x10000)); }
    for (const t of textTerms) { const id = this.termId(t); const c = counts.get(id) ?? 0; counts.set(id, (c & 0xffff) === MAX_COUNT ? c : c + 1); }
    for (const [id, c] of counts) this.push(id, position, Math.floor(c / 0x10000), c & 0xffff);
    this.lenTitle[position] = titleLength;
    this.lenText[position] = textLength;
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  private push(term: number, doc: number, tfTitle: number, tfText: number): void {
    if (this.size === this.termOf.length) {
      const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => { const b = make(a.length * 2); b.set(a); return b; };
      this.termOf = grow(this.termOf, (n) => new Uint32Array(n));
      this.docOf = grow(this.docOf, (n) => new Uint32Array(n));
      this.tfTitleOf = grow(this.tfTitleOf, (n) => new Uint16Array(n));
      this.tfTextOf = grow(this.tfTextOf, (n) => new Uint16Array(n));
    }
    this.termOf[this.size] = term;
    this.docOf[this.size] = doc;
    this.tfTitleOf[this.size] = tfTitle;
    this.tfTextOf[this.size] = tfText;
    this.size++;
  }

  /** Counting sort by (alphabetical) term; postings keep their increasing document order. */
  freeze(documentCount: number): FrozenIndex {
    const order = this.terms.map((_, id) => id).sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1));
    const rank = new Uint32Array(order.length);
    order.forEach((id, r) => { rank[id] = r; });
    const vocabulary = order.map((id) => this.terms[id]!);
    const v = vocabulary.length;
    const offsets = new Uint32Array(v + 1);
    const dfTitle = new Uint32Array(v);
    const dfText = new Uint32Array(v);
    for (let p = 0; p < this.size; p++) {
      const t = rank[this.termOf[p]!]!;
      offsets[t + 1]!++;
      if (this.tfTitleOf[p]) dfTitle[t]!++;
      if (this.tfTextOf[p]) dfText[t]!++;
    }
    for (let t = 0; t < v; t++) offsets[t + 1]! += offsets[t]!;
    const slots = this.lastPosition + 1;
    const normTitle = lengthNorms(this.lenTitle, slots);
    const normText = lengthNorms(this.lenText, slots);
    const idfTitle = Float64Array.from(dfTitle, (df) => idf(df, documentCount));
    const idfText = Float64Array.from(dfText, (df) => idf(df, documentCount));
    const fill = offsets.slice(0, v);
    const docs = new Uint32Array(this.size);
    const impacts = new Float32Array(this.size);
    const maxImpact = new Float32Array(v);
    for (let p = 0; p < this.size; p++) {
      const t = rank[this.termOf[p]!]!;
      const at = fill[t]!++;
      const doc = this.docOf[p]!;
      const tt = this.tfTitleOf[p]!;
      const tx = this.tfTextOf[p]!;
      let score = 0;
      if (tt) score += TITLE_BOOST * idfTitle[t]! * (D + (tt * (K + 1)) / (tt + normTitle[doc]!));
      if (tx) score += idfText[t]! * (D + (tx * (K + 1)) / (tx + normText[doc]!));
      docs[at] = doc;
      impacts[at] = score;
      if (impacts[at]! > maxImpact[t]!) maxImpact[t] = impacts[at]!;
    }
    return frozen({ documentCount, slots, vocabulary, offsets, docs, impacts, maxImpact, ...organise(offsets, docs, impacts, slots) });
  }
}

/**
 * Splits each term's postings into its two tiers (in place, each in document order) and computes the block
 * maxima, champions and bitsets.
 */
function organise(offsets: Uint32Array, docs: Uint32Array, impacts: Float32Array, slots: number): Pick<FrozenIndex, 'splits' | 'blockMax' | 'champions' | 'bitsets'> {
  const terms = offsets.length - 1;
  const splits = new Uint32Array(terms);
  for (let t = 0; t < terms; t++) splits[t] = offsets[t]! + splitTiers(docs, impacts, offsets[t]!, offsets[t + 1]!);
  const { blockOffsets, championOffsets, bitsetOffsets, bitsetWords } = derivedOffsets(offsets, splits, slots);
  const blockMax = new Float32Array(blockOffsets[terms]!);
  const champions = new Uint32Array(championOffsets[terms]!);
  const bitsets = new Uint32Array(bitsetWords);
  for (let t = 0; t < terms; t++) {
    const start = offsets[t]!;
    const end = offsets[t + 1]!;
    const split = splits[t]!;
    const highBlocks = (split - start + BLOCK - 1) >> BLOCK_SHIFT;
    for (let p = start; p < end; p++) {
      const b = blockOffsets[t]! + (p < split ? (p - start) >> BLOCK_SHIFT : highBlocks + ((p - split) >> BLOCK_SHIFT));
      if (impacts[p]! > blockMax[b]!) blockMax[b] = impacts[p]!;
    }
    // The high tier holds the best postings (at least CHAMPIONS of them), so the champions are among them.
    const best = new TopK(championOffsets[t + 1]! - championOffsets[t]!);
    for (let p = start; p < split; p++) best.offer(impacts[p]!, p);
    best.results().forEach(({ position }, k) => { champions[championOffsets[t]! + k] = position; });
    const base = bitsetOffsets[t]!;
    if (base >= 0) for (let p = start; p < end; p++) bitsets[base + (docs[p]! >>> 5)]! |= 1 << (docs[p]! & 31);
  }
  return { splits, blockMax, champions, bitsets };
}

/** Terms with fewer postings keep one tier. */
const TIER_MIN_POSTINGS = 256;
/** A fall in impact by this fraction between consecutive ranks marks a natural tier boundary (e.g. title vs text). */
const TIER_GAP = 0.25;

/**
 * Moves the term's best postings (by falling impact, then document) to the front of [start, end), both parts in
 * document order, and returns how many lead. The boundary is the largest relative fall in impact between ranks
 * df/64 and df/3 if it is at least TIER_GAP, else rank df/16; never fewer than CHAMPIONS.
 */
function splitTiers(docs: Uint32Array, impacts: Float32Array, start: number, end: number): number {
  const df = end - start;
  if (df < TIER_MIN_POSTINGS) return df;
  const ascending = impacts.slice(start, end).sort();
  const ranked = (r: number): number => ascending[df - 1 - r]!; // the r-th highest, from 0
  let high = Math.max(CHAMPIONS, Math.ceil(df / 16));
  let widest = TIER_GAP;
  for (let r = Math.max(CHAMPIONS, Math.ceil(df / 64)); r <= Math.ceil(df / 3); r++) {
    const fall = (ranked(r - 1) - ranked(r)) / ranked(r - 1);
    if (fall >= widest) { widest = fall; high = r; }
  }
  // Ties at the boundary impact go to the high tier in document order, as the top k breaks them.
  const boundary = ranked(high - 1);
  let tiesLeft = high;
  for (let p = start; p < end; p++) if (impacts[p]! > boundary) tiesLeft--;
  const termDocs = docs.slice(start, end);
  const termImpacts = impacts.slice(start, end);
  let nextHigh = start;
  let nextLow = start + high;
  for (let k = 0; k < df; k++) {
    const v = termImpacts[k]!;
    const at = v > boundary || (v === boundary && tiesLeft-- > 0) ? nextHigh++ : nextLow++;
    docs[at] = termDocs[k]!;
    impacts[at] = v;
  }
  return high;
}

/** Postings per block whose maximum impact is kept. */
const BLOCK = 1 << BLOCK_SHIFT;

interface Derived {
  /** Highest impact of term t's low tier (0 when it has none). */
  readonly lowMax: Float32Array;
  readonly blockOffsets: Uint32Array;
  readonly championOffsets: Uint32Array;
  readonly bitsetOffsets: Int32Array;
  readonly bitsetWords: number;
}

/** Where each term's blocks, champions and bitset start: all follow from its posting count. */
function derivedOffsets(offsets: Uint32Array, splits: Uint32Array, slots: number): Derived {
  const terms = offsets.length - 1;
  const blockOffsets = new Uint32Array(terms + 1);
  const championOffsets = new Uint32Array(terms + 1);
  const bitsetOffsets = new Int32Array(terms).fill(-1);
  const wordsPerBitset = (slots + 31) >>> 5;
  let bitsetWords = 0;
  for (let t = 0; t < terms; t++) {
    const df = offsets[t + 1]! - offsets[t]!;
    const high = splits[t]! - offsets[t]!;
    blockOffsets[t + 1] = blockOffsets[t]! + ((high + BLOCK - 1) >> BLOCK_SHIFT) + ((df - high + BLOCK - 1) >> BLOCK_SHIFT);
    championOffsets[t + 1] = championOffsets[t]! + Math.min(df, CHAMPIONS);
    if (df > 0 && df >= wordsPerBitset) { bitsetOffsets[t] = bitsetWords; bitsetWords += wordsPerBitset; }
  }
  return { lowMax: new Float32Array(terms), blockOffsets, championOffsets, bitsetOffsets, bitsetWords };
}

const idf = (df: number, n: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** k·(1 − b + b·len/avgLen) per document. */
function lengthNorms(lengths: readonly number[], slots: number): Float64Array {
  let sum = 0;
  for (let d = 0; d < slots; d++) sum += lengths[d] ?? 0;
  const avg = sum / Math.max(1, slots) || 1;
  const out = new Float64Array(slots);
  for (let d = 0; d < slots; d++) out[d] = K * (1 - B + (B * (lengths[d] ?? 0)) / avg);
  return out;
}

type Stored = Omit<FrozenIndex, 'termIds' | keyof Derived>;

function frozen(stored: Stored): FrozenIndex & Derived {
  const termIds = new Map<string, number>();
  stored.vocabulary.forEach((term, id) => termIds.set(term, id));
  const derived = derivedOffsets(stored.offsets, stored.splits, stored.slots);
  // The low tier's bound: the highest of its block maxima.
  const { offsets } = stored;
  const { splits } = stored;
  const { lowMax, blockOffsets } = derived;
  for (let t = 0; t < splits.length; t++) {
    const firstLow = blockOffsets[t]! + ((splits[t]! - offsets[t]! + BLOCK - 1) >> BLOCK_SHIFT);
    for (let b = firstLow; b < blockOffsets[t + 1]!; b++) if (stored.blockMax[b]! > lowMax[t]!) lowMax[t] = stored.blockMax[b]!;
  }
  return { ...stored, termIds, ...derived };
}

/** The corpus index: add documents, then search; serialises to one compact binary file. */
export class SearchIndex {
  private builder: Builder | undefined = new Builder();
  private data: FrozenIndex | undefined;
  private count = 0;

  get documentCount(): number {
    return this.data ? this.data.documentCount : this.count;
  }

  add(document: IndexedFields): void {
    if (!this.builder) throw new Error('the search index is frozen: documents cannot be added after searching or saving');
    this.builder.add(document.i, document.title, document.text);
    this.count++;
  }

  /** @internal */
  frozen(): FrozenIndex {
    if (!this.data) {
      this.data = this.builder!.freeze(this.count);
      this.builder = undefined;
    }
    return this.data;
  }

  /** @internal */
  static fromFrozen(data: FrozenIndex): SearchIndex {
    const index = new SearchIndex();
    index.builder = undefined;
    index.data = data;
    return index;
  }
}

export function createSearchIndex(): SearchIndex {
  return new SearchIndex();
}

// ---- Binary format: header, vocabulary (UTF-8, "\n"-separated), then 4-byte-aligned typed arrays. ----

const HEADER_WORDS = 9; // magic, documentCount, vocabulary bytes, terms, postings, slots, blocks, champions, bitset words

/** One buffer holding the whole index. */
export function serializeSearchIndex(index: SearchIndex): Buffer {
  const f = index.frozen();
  const vocabulary = Buffer.from(f.vocabulary.join('\n'), 'utf8');
  const pad4 = (n: number): number => (n + 3) & ~3;
  const parts: ArrayBufferView[] = [f.offsets, f.maxImpact, f.splits, f.docs, f.impacts, f.blockMax, f.champions, f.bitsets];
  let size = HEADER_WORDS * 4 + pad4(vocabulary.length);
  for (const part of parts) size += pad4(part.byteLength);
  const out = Buffer.alloc(size);
  const header = [MAGIC, f.documentCount, vocabulary.length, f.vocabulary.length, f.docs.length, f.slots, f.blockMax.length, f.champions.length, f.bitsets.length];
  header.forEach((value, k) => out.writeUInt32LE(value, k * 4));
  let at = HEADER_WORDS * 4;
  vocabulary.copy(out, at);
  at += pad4(vocabulary.length);
  for (const part of parts) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += pad4(part.byteLength);
  }
  return out;
}

/** Views over `bytes` (copied once if it is not 4-byte aligned); throws on a damaged file. */
export function loadSearchIndex(bytes: Uint8Array): SearchIndex {
  if (bytes.byteLength < HEADER_WORDS * 4) throw new Error('search index file is too short');
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const view = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const [magic, documentCount, vocabularyBytes, terms, postings, slots, blocks, champions, bitsetWords] = Array.from({ length: HEADER_WORDS }, (_, k) => view.getUint32(k * 4, true));
  if (magic !== MAGIC) throw new Error('not a search index file');
  const pad4 = (n: number): number => (n + 3) & ~3;
  const expected = HEADER_WORDS * 4 + pad4(vocabularyBytes!) + ((terms! + 1) + 2 * terms! + 2 * postings! + blocks! + champions! + bitsetWords!) * 4;
  if (aligned.byteLength !== expected) throw new Error('search index file has the wrong size');
  let at = aligned.byteOffset + HEADER_WORDS * 4;
  const text = Buffer.from(aligned.buffer, at, vocabularyBytes).toString('utf8');
  const vocabulary = terms === 0 ? [] : text.split('\n');
  if (vocabulary.length !== terms) throw new Error('search index vocabulary is damaged');
  at += pad4(vocabularyBytes!);
  const take = <T>(make: new (buffer: ArrayBufferLike, offset: number, length: number) => T, n: number): T => {
    const a = new make(aligned.buffer, at, n);
    at += n * 4;
    return a;
  };
  const offsets = take(Uint32Array, terms! + 1);
  const maxImpact = take(Float32Array, terms!);
  const splits = take(Uint32Array, terms!);
  const docs = take(Uint32Array, postings!);
  const impacts = take(Float32Array, postings!);
  const blockMax = take(Float32Array, blocks!);
  const championList = take(Uint32Array, champions!);
  const bitsets = take(Uint32Array, bitsetWords!);
  if (offsets[terms!] !== postings || (postings! > 0 && docs[postings! - 1]! >= slots!)) throw new Error('search index postings are damaged');
  for (let t = 0; t < terms!; t++) if (!(offsets[t]! <= splits[t]! && splits[t]! <= offsets[t + 1]!)) throw new Error('search index tiers are damaged');
  const data = frozen({ documentCount: documentCount!, slots: slots!, vocabulary, offsets, docs, impacts, maxImpact, splits, blockMax, champions: championList, bitsets });
  if (data.blockOffsets[terms!] !== blocks || data.championOffsets[terms!] !== champions || data.bitsetWords !== bitsetWords) throw new Error('search index blocks are damaged');
  return SearchIndex.fromFrozen(data);
}

// ---- Query ----

/**
 * Positions of the best matches, best first (ties by corpus order). `exhaustive` scores every posting without
 * pruning; the results are the same, which the tests check.
 */
export function searchIndex(index: SearchIndex, query: string, limit: number, { exhaustive = false } = {}): Hit[] {
  const f = index.frozen();
  // Whole positive numbers only; never more than there are documents (heap arrays are sized by it).
  limit = Math.min(Math.floor(limit), f.documentCount);
  if (!(limit > 0)) return [];
  // Words beyond the first MAX_QUERY_WORDS add cost but hardly change which documents are best.
  const analyzed = [...new Set(analyze(query))].slice(0, MAX_QUERY_WORDS);
  const words = analyzed.map((w, k) => expandWord(f, w, k === analyzed.length - 1)).filter((e) => e.terms.length > 0)
    .map((e) => ({ ...e, bound: e.terms.reduce((sum, t, k) => sum + e.weights[k]! * f.maxImpact[t]!, 0) }));
  // Scoring order: highest bound first (the order the sums are added in is part of the exact score).
  words.sort((a, b) => b.bound - a.bound);
  const terms: QueryTerm[] = [];
  words.forEach((e, w) => e.terms.forEach((term, k) => terms.push({ term, weight: e.weights[k]!, wordBit: (1 << w) >>> 0 })));
  if (terms.length === 0) return [];
  return exhaustive ? topDocumentsExhaustive(f, terms, limit) : topDocuments(f, terms, limit);
}
