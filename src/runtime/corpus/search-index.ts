// The full-text index behind `search`: a compact BM25+ inverted index in typed arrays, with title boost,
// prefix matching, typo tolerance for words the corpus does not contain, and exact top-k pruning (MaxScore).
//
// Measured with bench/search-latency.js on 2026-11-26 (100k documents of ~930 B from bench/gen-corpus.js, 56
// realistic queries incl. bench/targets.js's mix, limit 10, NO result cache; 2-core machine at load 5-9 from
// other builds, so absolute numbers are pessimistic):
//                              MiniSearch 7.2 (before)         this index (after)
//   build (parse+index+cache)  104 s wall, 34 s CPU, 977 MB    9.5-20 s wall, 10-12 s CPU, ~400 MB
//   cached restart ready       0.27 s (manifest only)          0.14-0.18 s (manifest only)
//   index load (first search)  8.5 s wall, 4.8 s CPU           0.09-0.13 s (one 65 MB read, views in place)
//   index file                 83 MB JSON                      65 MB binary
//   query p50 / p99            136 ms / 717 ms                 0.5-0.9 ms / 1.5-2.3 ms (varies with machine load)
//   bench/targets.js queries   -                               0.17-0.2 ms one word, 0.55-0.9 ms 2-4 words
//   worst query (median)       587 ms (long all-common query)  1.4-2 ms ("enable notifications app")
//   RSS after index load       1087 MB                         174 MB (heap 36 MB)
// End to end (`node bench/run.js --only search`, same machine): 559-565 req/s (4-6% of bare node:http, target 25%);
// the search itself is now ~0.2-0.9 ms of each request; multi-word queries would need block-max bounds
// (BMW/BMM) to prune further.
//
// History: MiniSearch 7 was picked first (over flexsearch 0.8: no BM25, 427 MB export; and @orama/orama 3.1:
// 100k did not build in 8 min). MiniSearch keeps postings in nested Maps, scores every posting of every prefix and
// fuzzy expansion of every query word (fuzzy even for correctly spelled words) and serialises to JSON. Its ranking
// model is kept (BM25+ k=1.2 b=0.7 d=0.5, field length = distinct tokens, title ×3, prefix weight 0.375, fuzzy
// 0.45, the score multiplied by how many query words matched; on a 12k corpus 42 of 52 queries keep the same top
// title and the rest differ among equally good synthetic titles), but:
//   - postings are flat typed arrays sorted by document, and each posting stores its whole BM25+ score (the
//     "impact": idf, tf and lengths are fixed once built), so a query multiplies by a weight and adds;
//   - a word the vocabulary contains is matched exactly (it is not a typo); prefix expansion (at most 64 terms,
//     most frequent first) applies to words the vocabulary lacks and to the last query word (search-as-you-type),
//     edit-distance expansion only to words the vocabulary lacks, found by walking the sorted vocabulary as a trie;
//   - MaxScore: words are scored highest-bound first; once the words left cannot lift an unseen document into the
//     top k, their long postings are only probed (galloping search) for the documents still in contention. Results
//     equal exhaustive scoring (test/runtime/corpus/search-index.test.ts checks it);
//   - the index serialises to one binary file that loads as views over a single buffer.
// SQLite FTS5 (better-sqlite3 12, porter unicode61, prefix='3', bm25(3, 1), ORDER BY rank LIMIT 10) was measured on
// the same 100k documents: build 11 s, but 20 ms for "refund", 30-57 ms for the 2-4 word queries of
// bench/targets.js and 165 ms for "how to cancel a membership for jet bike in japan" (an OR query ranks every
// matching row), and no typo tolerance: far from sub-millisecond, so it was not adopted.

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
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MIN_PREFIX = 3;
/** Prefix expansions per query word, most frequent first: bounds the cost of short prefixes. */
const MAX_PREFIX_TERMS = 64;
/** One typo from 4 characters, two from 6 ("refnud" → refund is two substitutions). */
const maxTypos = (term: string): number => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0);
/** Distinct words of a query that are searched (the per-document match count is a byte). */
const MAX_QUERY_WORDS = 32;
/** Term frequencies are counted in 16 bits while building. */
const MAX_COUNT = 0xffff;

/** Bumped whenever analysis, ranking or the file layout changes, so cached indexes are rebuilt. */
export const INDEX_FORMAT = 'bm25-impacts/v1';
const MAGIC = 0x4d445349; // "MDSI"

interface Frozen {
  readonly documentCount: number;
  /** Sorted, so a prefix is a contiguous range. */
  readonly vocabulary: readonly string[];
  readonly termIds: Map<string, number>;
  /** Postings of term t are [offsets[t], offsets[t + 1]). */
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  /**
   * The posting's whole BM25+ score (title × boost + text), computed once at build: idf, tf and field lengths
   * are all fixed by then, so a query only multiplies by the expansion's weight and adds.
   */
  readonly impacts: Float32Array;
  /** Highest impact per term: the exact bound MaxScore prunes with. */
  readonly maxImpact: Float32Array;
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
  freeze(documentCount: number): Frozen {
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
    return frozen(documentCount, slots, vocabulary, offsets, docs, impacts, maxImpact);
  }
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

function frozen(documentCount: number, slots: number, vocabulary: readonly string[], offsets: Uint32Array, docs: Uint32Array,
  impacts: Float32Array, maxImpact: Float32Array): Frozen {
  const termIds = new Map<string, number>();
  vocabulary.forEach((term, id) => termIds.set(term, id));
  return { documentCount, slots, vocabulary, termIds, offsets, docs, impacts, maxImpact };
}

/** The corpus index: add documents, then search; serialises to one compact binary file. */
export class SearchIndex {
  private builder: Builder | undefined = new Builder();
  private data: Frozen | undefined;
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
  frozen(): Frozen {
    if (!this.data) {
      this.data = this.builder!.freeze(this.count);
      this.builder = undefined;
    }
    return this.data;
  }

  /** @internal */
  static fromFrozen(data: Frozen): SearchIndex {
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

const HEADER_WORDS = 6; // magic, documentCount, vocabulary bytes, terms, postings, slots

/** One buffer holding the whole index. */
export function serializeSearchIndex(index: SearchIndex): Buffer {
  const f = index.frozen();
  const vocabulary = Buffer.from(f.vocabulary.join('\n'), 'utf8');
  const pad4 = (n: number): number => (n + 3) & ~3;
  const parts: ArrayBufferView[] = [f.offsets, f.maxImpact, f.docs, f.impacts];
  let size = HEADER_WORDS * 4 + pad4(vocabulary.length);
  for (const part of parts) size += pad4(part.byteLength);
  const out = Buffer.alloc(size);
  const header = [MAGIC, f.documentCount, vocabulary.length, f.vocabulary.length, f.docs.length, f.slots];
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
  const [magic, documentCount, vocabularyBytes, terms, postings, slots] = Array.from({ length: HEADER_WORDS }, (_, k) => view.getUint32(k * 4, true));
  if (magic !== MAGIC) throw new Error('not a search index file');
  const pad4 = (n: number): number => (n + 3) & ~3;
  const expected = HEADER_WORDS * 4 + pad4(vocabularyBytes!) + (terms! + 1) * 4 + terms! * 4 + postings! * 8;
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
  const docs = take(Uint32Array, postings!);
  const impacts = take(Float32Array, postings!);
  if (offsets[terms!] !== postings || (postings! > 0 && docs[postings! - 1]! >= slots!)) throw new Error('search index postings are damaged');
  return SearchIndex.fromFrozen(frozen(documentCount!, slots!, vocabulary, offsets, docs, impacts, maxImpact));
}

// ---- Query ----

/** One vocabulary term a query word expands to, with its weight and score bound. */
interface Expansion {
  readonly term: number;
  readonly weight: number;
  /** Upper bound of this term's contribution to any document. */
  readonly bound: number;
}

/** A query word: the expansions whose scores add up; a document matching any of them counts once towards quality. */
interface Word {
  readonly expansions: Expansion[];
  readonly bound: number;
  readonly postings: number;
}

function expansion(f: Frozen, term: number, weight: number): Expansion {
  return { term, weight, bound: weight * f.maxImpact[term]! };
}

/** First index in sorted `vocabulary` whose term is >= `term`. */
function lowerBound(vocabulary: readonly string[], term: string): number {
  let lo = 0;
  let hi = vocabulary.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vocabulary[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Vocabulary terms within `max` edits (Levenshtein) of `word`, with their distance. The sorted vocabulary is
 * walked like a trie: rows of the edit-distance table are shared by terms with a common prefix, and every term
 * under a prefix whose row already exceeds `max` is skipped with one binary search.
 */
function withinDistance(vocabulary: readonly string[], word: string, max: number): { term: number; distance: number }[] {
  const width = word.length + 1;
  const rows: Uint8Array[] = [Uint8Array.from({ length: width }, (_, j) => j)];
  const out: { term: number; distance: number }[] = [];
  let previous = '';
  let t = 0;
  while (t < vocabulary.length) {
    const term = vocabulary[t]!;
    let shared = 0;
    const limit = Math.min(previous.length, term.length);
    while (shared < limit && previous.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    let pruned = -1;
    for (let i = shared + 1; i <= term.length && i <= word.length + max; i++) {
      const above = rows[i - 1]!;
      const row = rows[i] ?? (rows[i] = new Uint8Array(width));
      row[0] = i;
      let best = i;
      const c = term.charCodeAt(i - 1);
      for (let j = 1; j < width; j++) {
        const v = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (word.charCodeAt(j - 1) === c ? 0 : 1));
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > max) { pruned = i; break; }
    }
    previous = term;
    if (pruned > 0) {
      // No completion of term[0, pruned) can come back within max edits.
      previous = term.slice(0, pruned - 1);
      t = lowerBound(vocabulary, term.slice(0, pruned) + '\uffff');
      continue;
    }
    if (term.length <= word.length + max) {
      const distance = rows[term.length]![word.length]!;
      if (distance <= max) out.push({ term: t, distance });
    } else {
      previous = term.slice(0, word.length + max);
    }
    t++;
  }
  return out;
}

function expandWord(f: Frozen, word: string, isLast: boolean): Word {
  const expansions: Expansion[] = [];
  const exact = f.termIds.get(word);
  if (exact !== undefined) expansions.push(expansion(f, exact, 1));
  if (word.length >= MIN_PREFIX && (exact === undefined || isLast)) {
    const prefixed: number[] = [];
    for (let t = lowerBound(f.vocabulary, word); t < f.vocabulary.length && f.vocabulary[t]!.startsWith(word); t++) if (t !== exact) prefixed.push(t);
    const df = (t: number): number => f.offsets[t + 1]! - f.offsets[t]!;
    if (prefixed.length > MAX_PREFIX_TERMS) prefixed.sort((a, b) => df(b) - df(a)).length = MAX_PREFIX_TERMS;
    // MiniSearch's prefix weight: shorter completions weigh more.
    for (const t of prefixed) expansions.push(expansion(f, t, (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * (f.vocabulary[t]!.length - word.length))));
  }
  const typos = maxTypos(word);
  if (exact === undefined && typos > 0) {
    const seen = new Set(expansions.map((e) => e.term));
    for (const { term, distance } of withinDistance(f.vocabulary, word, typos)) {
      if (distance > 0 && !seen.has(term)) expansions.push(expansion(f, term, (FUZZY_WEIGHT * word.length) / (word.length + distance)));
    }
  }
  let bound = 0;
  let postings = 0;
  for (const e of expansions) { bound += e.bound; postings += f.offsets[e.term + 1]! - f.offsets[e.term]!; }
  return { expansions, bound, postings };
}

/** Scratch space reused by every search (searches are synchronous, so one set per index suffices). */
interface Scratch {
  score: Float64Array;
  /** Distinct query words matched, per document. */
  matched: Uint8Array;
  /** Which word last touched the document, so a word counts once however many of its expansions match. */
  stamps: Uint32Array;
  touched: Uint32Array;
  serial: number;
}

const scratchByIndex = new WeakMap<Frozen, Scratch>();

function scratchFor(f: Frozen): Scratch {
  let s = scratchByIndex.get(f);
  if (!s) {
    const n = f.slots;
    s = { score: new Float64Array(n), matched: new Uint8Array(n), stamps: new Uint32Array(n), touched: new Uint32Array(n), serial: 0 };
    scratchByIndex.set(f, s);
  }
  return s;
}

/** A fresh non-zero stamp (wraps within 32 bits, as the stamp array stores). */
function nextStamp(s: Scratch): number {
  s.serial = (s.serial + 1) >>> 0 || 1;
  return s.serial;
}

/** Index of the first posting in [from, end) whose document is >= doc (galloping, then binary search). */
function seek(docs: Uint32Array, from: number, end: number, doc: number): number {
  let step = 1;
  let hi = from;
  while (hi < end && docs[hi]! < doc) { from = hi + 1; hi += step; step *= 2; }
  if (hi > end) hi = end;
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (docs[mid]! < doc) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/** The k-th best final score (score × words matched) among the touched documents, or 0 with fewer than k. */
function kthBest(s: Scratch, count: number, k: number): number {
  if (count < k) return 0;
  // Min-heap of the k best.
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const d = s.touched[i]!;
    const v = s.score[d]! * s.matched[d]!;
    if (size < k) {
      let at = size++;
      heap[at] = v;
      while (at > 0) { const up = (at - 1) >> 1; if (heap[up]! <= heap[at]!) break; [heap[up], heap[at]] = [heap[at]!, heap[up]!]; at = up; }
    } else if (v > heap[0]!) {
      heap[0] = v;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let m = at;
        if (l < k && heap[l]! < heap[m]!) m = l;
        if (r < k && heap[r]! < heap[m]!) m = r;
        if (m === at) break;
        [heap[m], heap[at]] = [heap[at]!, heap[m]!];
        at = m;
      }
    }
  }
  return heap[0]!;
}

/**
 * Positions of the best matches, best first (ties by corpus order). `exhaustive` scores every posting without
 * MaxScore pruning; the results are the same, which the tests check.
 */
export function searchIndex(index: SearchIndex, query: string, limit: number, { exhaustive = false } = {}): { position: number; score: number }[] {
  const f = index.frozen();
  // Whole positive numbers only; never more than there are documents (scratch arrays are sized by it).
  limit = Math.min(Math.floor(limit), f.documentCount);
  if (!(limit > 0)) return [];
  const s = scratchFor(f);
  // Words beyond the first MAX_QUERY_WORDS add cost but hardly change which documents are best.
  const analyzed = [...new Set(analyze(query))].slice(0, MAX_QUERY_WORDS);
  const words = analyzed.map((w, k) => expandWord(f, w, k === analyzed.length - 1)).filter((w) => w.expansions.length > 0);
  if (words.length === 0) return [];
  if (words.length === 1 && words[0]!.expansions.length === 1) {
    // One term: its postings' impacts are the final scores, so keep the best without touching the scratch.
    const { term, weight } = words[0]!.expansions[0]!;
    const top = new TopK(limit);
    for (let p = f.offsets[term]!, end = f.offsets[term + 1]!; p < end; p++) top.offer(weight * f.impacts[p]!, f.docs[p]!);
    return top.results();
  }
  // Highest bound (rarest) first, so the common words come last and can be pruned.
  words.sort((a, b) => b.bound - a.bound);
  const remainingBound = new Float64Array(words.length + 1);
  for (let w = words.length - 1; w >= 0; w--) remainingBound[w] = remainingBound[w + 1]! + words[w]!.bound;

  let touchedCount = 0;
  let threshold = 0;
  let w = 0;
  for (; w < words.length; w++) {
    const word = words[w]!;
    // Before an expensive word: if no unseen document can reach the current k-th best, stop adding documents.
    // The k-th best is at most (bound of the words done) × (their count), which often settles it without a pass.
    const left = words.length - w;
    if (!exhaustive && w > 0 && word.postings > 2 * touchedCount && remainingBound[w]! * left < (remainingBound[0]! - remainingBound[w]!) * w) {
      threshold = kthBest(s, touchedCount, limit);
      if (remainingBound[w]! * left < threshold) break;
    }
    const { docs, impacts } = f;
    const { score, matched, stamps, touched } = s;
    if (word.expansions.length === 1) {
      // One term: each document appears once, so no stamp is needed to count the word once.
      const e = word.expansions[0]!;
      const end = f.offsets[e.term + 1]!;
      const weight = e.weight;
      for (let p = f.offsets[e.term]!; p < end; p++) {
        const doc = docs[p]!;
        if (matched[doc]!++ === 0) touched[touchedCount++] = doc;
        score[doc]! += weight * impacts[p]!;
      }
      continue;
    }
    const stamp = nextStamp(s);
    for (const e of word.expansions) {
      const end = f.offsets[e.term + 1]!;
      const weight = e.weight;
      for (let p = f.offsets[e.term]!; p < end; p++) {
        const doc = docs[p]!;
        if (stamps[doc] !== stamp) {
          if (matched[doc] === 0) touched[touchedCount++] = doc;
          stamps[doc] = stamp;
          matched[doc]!++;
        }
        score[doc]! += weight * impacts[p]!;
      }
    }
  }

  if (w < words.length) {
    // MaxScore tail: only documents whose best possible final score reaches the k-th best are completed.
    const left = words.length - w;
    const candidates: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const d = s.touched[i]!;
      if ((s.score[d]! + remainingBound[w]!) * (s.matched[d]! + left) >= threshold) candidates.push(d);
    }
    candidates.sort((a, b) => a - b);
    for (; w < words.length; w++) {
      const stamp = nextStamp(s);
      for (const e of words[w]!.expansions) {
        let p = f.offsets[e.term]!;
        const end = f.offsets[e.term + 1]!;
        for (const doc of candidates) {
          p = seek(f.docs, p, end, doc);
          if (p >= end) break;
          if (f.docs[p] !== doc) continue;
          if (s.stamps[doc] !== stamp) { s.stamps[doc] = stamp; s.matched[doc]!++; }
          s.score[doc]! += e.weight * f.impacts[p]!;
        }
      }
    }
  }

  return takeBest(s, touchedCount, limit);
}

/** Keeps the k best (score, position) pairs: a min-heap whose root is the worst kept, ties lose by later position. */
class TopK {
  private readonly values: Float64Array;
  private readonly docs: Uint32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.values = new Float64Array(k);
    this.docs = new Uint32Array(k);
  }

  offer(value: number, doc: number): void {
    const { values, docs } = this;
    if (this.size < this.k) {
      let at = this.size++;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (!(value < values[up]! || (value === values[up] && doc > docs[up]!))) break;
        values[at] = values[up]!;
        docs[at] = docs[up]!;
        at = up;
      }
      values[at] = value;
      docs[at] = doc;
      return;
    }
    if (!(value > values[0]! || (value === values[0] && doc < docs[0]!))) return;
    let at = 0;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const m = r < this.size && (values[r]! < values[l]! || (values[r] === values[l] && docs[r]! > docs[l]!)) ? r : l;
      if (!(values[m]! < value || (values[m] === value && docs[m]! > doc))) break;
      values[at] = values[m]!;
      docs[at] = docs[m]!;
      at = m;
    }
    values[at] = value;
    docs[at] = doc;
  }

  /** Best first. */
  results(): { position: number; score: number }[] {
    const out: { position: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ position: this.docs[i]!, score: this.values[i]! });
    return out.sort((a, b) => b.score - a.score || a.position - b.position);
  }
}

/** Top `limit` touched documents by final score (ties by corpus order), best first; resets the scratch. */
function takeBest(s: Scratch, touchedCount: number, limit: number): { position: number; score: number }[] {
  const top = new TopK(limit);
  const { touched, score, matched } = s;
  for (let i = 0; i < touchedCount; i++) {
    const d = touched[i]!;
    top.offer(score[d]! * matched[d]!, d);
    score[d] = 0;
    matched[d] = 0;
  }
  return top.results();
}
