// The search engine: exact top k by MaxScore over the terms' two impact tiers, with block maxima, bitsets and seeded
// thresholds; see topDocuments.
//
// Every bound below over-estimates a document's score, so a document is skipped only when it cannot reach the k-th
// best; the scores of the documents that can are summed in the one query order, so equal documents get bit-identical
// scores and ties fall to corpus order as in exhaustive scoring (topDocumentsExhaustive, which the tests compare).
import type { FrozenIndex } from './search-index.js';
import { BLOCK_SHIFT, TopK, popcount, seek, type Hit, type QueryTerm } from './search-topk.js';

/**
 * A bound is compared with the k-th best only with this relative margin: bounds and scores add the same numbers
 * in different orders, so their float sums may differ in the last bits (16 terms add < 1e-14 relative error).
 */
const MARGIN = 1 + 1e-9;

/** Documents scored up front so the k-th best starts high: at most this many (document × cursor) look-ups. */
const SEED_BUDGET = 1024;
/**
 * Documents seeded from those holding the most query words (likelyBest) when such documents are rare: their
 * words' impacts are unknown until scored, so several times the limit are taken to find enough of the best.
 */
const SEED_LIKELY = 64;
/** The high tier scanned for documents holding the most query words (likelyBest) has at most this many postings. */
const SEED_SCAN = 8192;

/** A query term's cursor over its postings. */
class Cursor {
  /** Next posting to visit. */
  p: number;
  /** No posting before it belongs to a document still to be scored (exactScore seeks from here). */
  mark: number;
  /** The first posting past the current window. */
  windowEnd = 0;
  readonly start: number;
  readonly end: number;
  /** Upper bound of weight × impact over all its postings. */
  readonly bound: number;
  /** Its block maxima are blockMax[blockBase + ((p - start) >> BLOCK_SHIFT)]. */
  readonly blockBase: number;
  /** Where its bitset starts in f.bitsets, or -1 (then membership takes a search). */
  readonly bitBase: number;

  /** Postings of the whole term (both tiers). */
  readonly termPostings: number;
  /** The vocabulary term. */
  readonly term: number;
  /** The term's bound (that of its high tier): probes within a word go by it. */
  readonly termBound: number;

  /** The high (`low` false) or low tier of query term `termIndex`; undefined for an empty low tier. */
  static of(f: FrozenIndex, query: QueryTerm, termIndex: number, low: boolean): Cursor | undefined {
    const t = query.term;
    const split = f.splits[t]!;
    if (!low) return new Cursor(f, query, termIndex, f.offsets[t]!, split, f.maxImpact[t]!, f.blockOffsets[t]!);
    if (split === f.offsets[t + 1]) return undefined;
    const highBlocks = (split - f.offsets[t]! + (1 << BLOCK_SHIFT) - 1) >> BLOCK_SHIFT;
    return new Cursor(f, query, termIndex, split, f.offsets[t + 1]!, f.lowMax[t]!, f.blockOffsets[t]! + highBlocks);
  }

  private constructor(f: FrozenIndex, query: QueryTerm, readonly termIndex: number, start: number, end: number, maxImpact: number, blockBase: number) {
    this.weight = query.weight;
    this.wordBit = query.wordBit;
    this.start = this.p = this.mark = start;
    this.end = end;
    this.bound = query.weight * maxImpact;
    this.blockBase = blockBase;
    this.bitBase = f.bitsetOffsets[query.term]!;
    this.termPostings = f.offsets[query.term + 1]! - f.offsets[query.term]!;
    this.term = query.term;
    this.termBound = query.weight * f.maxImpact[query.term]!;
  }

  readonly weight: number;
  readonly wordBit: number;

  /** False when the term's bitset shows that the document lacks it (true when it has it or has no bitset). */
  mayHave(bitsets: Uint32Array, doc: number): boolean {
    return this.bitBase < 0 || (bitsets[this.bitBase + (doc >>> 5)]! & (1 << (doc & 31))) !== 0;
  }

  /** Upper bound of weight × impact over its postings from p up to the first one past document `last`. */
  boundUpTo(f: FrozenIndex, last: number): number {
    let block = (this.p - this.start) >> BLOCK_SHIFT;
    let max = f.blockMax[this.blockBase + block]!;
    for (;;) {
      const next = this.start + ((block + 1) << BLOCK_SHIFT);
      if (next >= this.end || f.docs[next - 1]! >= last) break;
      block++;
      const m = f.blockMax[this.blockBase + block]!;
      if (m > max) max = m;
    }
    return this.weight * max;
  }
}

/** Per-document scratch of the window scorer, reused by every search of an index (searches are synchronous). */
interface Scratch {
  readonly sum: Float64Array;
  readonly words: Uint32Array;
  /** Which window last touched the document: a generation counter instead of clearing. */
  readonly stamps: Uint32Array;
  readonly candidates: Uint32Array;
  generation: number;
}

const scratchByIndex = new WeakMap<FrozenIndex, Scratch>();

/** A fresh window generation (stamps are cleared when the 32-bit counter wraps). */
function nextGeneration(s: Scratch): number {
  s.generation = (s.generation + 1) >>> 0;
  if (s.generation === 0) { s.stamps.fill(0); s.generation = 1; }
  return s.generation;
}

function scratchFor(f: FrozenIndex): Scratch {
  let s = scratchByIndex.get(f);
  if (!s) {
    const n = f.slots;
    s = { sum: new Float64Array(n), words: new Uint32Array(n), stamps: new Uint32Array(n), candidates: new Uint32Array(n), generation: 0 };
    scratchByIndex.set(f, s);
  }
  return s;
}

/**
 * Adds the postings of cursors[from, to) up to their windowEnd into the scratch, term by term in that order (so in
 * query order the sums are exact scores), and moves the cursors there. Returns how many documents were found.
 */
function accumulate(f: FrozenIndex, s: Scratch, generation: number, cursors: readonly Cursor[], from: number, to: number): number {
  const { docs, impacts } = f;
  const { sum, words, stamps, candidates } = s;
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = cursors[i]!;
    const { windowEnd, weight, wordBit } = c;
    for (let p = c.p; p < windowEnd; p++) {
      const doc = docs[p]!;
      if (stamps[doc] !== generation) {
        stamps[doc] = generation;
        sum[doc] = 0;
        words[doc] = 0;
        candidates[count++] = doc;
      }
      sum[doc]! += weight * impacts[p]!;
      words[doc]! |= wordBit;
    }
    c.p = windowEnd;
  }
  return count;
}

/**
 * Bounds of the first j cursors together, for every j: a document is in at most one tier of a term, so a term
 * adds the larger of its tiers' bounds, not both.
 */
function boundSums(cursors: readonly Cursor[], terms: number): Float64Array {
  const sums = new Float64Array(cursors.length + 1);
  const counted = new Float64Array(terms);
  cursors.forEach((c, i) => {
    const more = Math.max(0, c.bound - counted[c.termIndex]!);
    counted[c.termIndex] = Math.max(counted[c.termIndex]!, c.bound);
    sums[i + 1] = sums[i]! + more;
  });
  return sums;
}

interface Partitioned {
  readonly order: Cursor[];
  /** Bound and union of word bits of order[0, j), at j. */
  readonly bounds: Float64Array;
  readonly words: Uint32Array;
  /** Postings of the cursors left essential at the threshold given. */
  readonly essentialPostings: number;
}

function partitionAlong(order: Cursor[], terms: number, threshold: number): Partitioned {
  const bounds = boundSums(order, terms);
  const words = new Uint32Array(order.length + 1);
  for (let i = 0; i < order.length; i++) words[i + 1] = words[i]! | order[i]!.wordBit;
  let j = 0;
  while (j < order.length && bounds[j + 1]! * popcount(words[j + 1]!) * MARGIN <= threshold) j++;
  let essentialPostings = 0;
  for (let i = j; i < order.length; i++) essentialPostings += order[i]!.end - order[i]!.start;
  return { order, bounds, words, essentialPostings };
}

/** Documents per window when several terms are essential: large enough that per-window work is amortised. */
const MIN_WINDOW = 2048;
const WINDOW_PER_TERM = 128;
/**
 * Cursors beyond which every posting is scored in one pass: such queries (a short last word's 64 prefix
 * completions) have bounds too loose to prune, and per-window work grows with the cursors (measured: windows cost
 * up to 70% more than one pass on 100k documents).
 */
const EXHAUSTIVE_TERMS = 24;

/**
 * The exact top `limit` documents for the query terms (in scoring order), best first, ties by corpus order.
 * MaxScore: terms are ordered by bound; the low-bound prefix whose bounds together cannot lift a document to the
 * k-th best is "non-essential" and only probed for documents found in the other ("essential") terms. Essential
 * postings are read a window of documents at a time; a window, or a block of postings, whose block maxima cannot
 * reach the k-th best is skipped without reading its postings.
 */
export function topDocuments(f: FrozenIndex, terms: readonly QueryTerm[], limit: number): Hit[] {
  const search = new MaxScore(f, terms, limit);
  search.run();
  return search.top.results();
}

class MaxScore {
  readonly top: TopK;
  private readonly cursors: Cursor[];
  /** Cursors in partition order (see the constructor); byBound[0, firstEssential) are the non-essential ones. */
  private readonly byBound: Cursor[];
  /** Bound and union of word bits of byBound[0, j), at j. */
  private readonly nonEssentialBound: Float64Array;
  private readonly nonEssentialWords: Uint32Array;
  private firstEssential = 0;
  /**
   * The non-essential cursors in the order they are probed (see probeOrder). probeBound[i] / probeWords[i]: bound
   * / union of word bits of probes[i, end). Rebuilt only between windows, when the partition changed.
   */
  private probes: Cursor[] = [];
  private probesFor = -1;
  private probesAlone = -1;
  private readonly probeBound: Float64Array;
  private readonly probeWords: Uint32Array;
  private readonly seeds: Uint32Array;
  private threshold: number;

  constructor(private readonly f: FrozenIndex, terms: readonly QueryTerm[], limit: number) {
    this.top = new TopK(limit);
    // In query order, each term's high tier then its low tier.
    this.cursors = terms.flatMap((t, i) => [Cursor.of(f, t, i, false)!, Cursor.of(f, t, i, true)].filter((c) => c !== undefined));
    const n = this.cursors.length;
    this.probeBound = new Float64Array(n + 1);
    this.probeWords = new Uint32Array(n + 1);
    // Seeds only serve pruning, which a query of many terms does without (see run).
    this.seeds = n > EXHAUSTIVE_TERMS ? new Uint32Array(0) : this.seed(terms, limit);
    this.threshold = this.top.threshold;
    // The non-essential terms are a prefix of one order, fixed from here on (a term only ever leaves the essential
    // ones). Classic MaxScore orders by bound. Others can leave fewer postings essential: by postings per unit of
    // bound (a common word typed with a typo weighs little but has many postings), or one word's terms last (when
    // the best documents need that word, only its postings are read). The order that leaves the fewest essential
    // postings at the seeded k-th best is kept.
    const byBound = this.cursors.slice().sort((a, b) => a.bound - b.bound);
    const orders = [byBound, this.cursors.slice().sort((a, b) => (b.end - b.start) * a.bound - (a.end - a.start) * b.bound)];
    const wordBits = new Set(terms.map((t) => t.wordBit));
    if (wordBits.size > 1) for (const bit of wordBits) orders.push([...byBound.filter((c) => c.wordBit !== bit), ...byBound.filter((c) => c.wordBit === bit)]);
    let best: Partitioned | undefined;
    for (const order of orders) {
      const partitioned = partitionAlong(order, terms.length, this.threshold);
      if (!best || partitioned.essentialPostings < best.essentialPostings) best = partitioned;
    }
    ({ order: this.byBound, bounds: this.nonEssentialBound, words: this.nonEssentialWords } = best!);
    this.partition();
  }

  /** Moves terms to the non-essential prefix while a document in those terms only cannot reach the k-th best. */
  private partition(): void {
    const n = this.byBound.length;
    let j = this.firstEssential;
    while (j < n && this.nonEssentialBound[j + 1]! * popcount(this.nonEssentialWords[j + 1]!) * MARGIN <= this.threshold) j++;
    this.firstEssential = j;
  }

  /**
   * Orders the current non-essential cursors for probing (when the partition changed) and sets every mark. Leaves out
   * the other tier of term `alone` when that is the one essential term: the documents found there are not in it.
   */
  private probeOrder(alone: number): void {
    for (const c of this.cursors) c.mark = c.p;
    if (this.probesFor === this.firstEssential && this.probesAlone === alone) return;
    this.probesFor = this.firstEssential;
    this.probesAlone = alone;
    // Grouped by word, rarest word first: a document that misses a word loses a factor of the score (its word
    // count), which prunes far more than missing one expansion of a word it has.
    const wordPostings = new Map<number, number>();
    const nonEssential = this.byBound.slice(0, this.firstEssential).filter((c) => c.termIndex !== alone);
    for (const c of nonEssential) wordPostings.set(c.wordBit, (wordPostings.get(c.wordBit) ?? 0) + c.end - c.start);
    // Within a word, highest-bound term first (a miss lowers the bound most), its two tiers together.
    const probes = nonEssential.sort((a, b) => wordPostings.get(a.wordBit)! - wordPostings.get(b.wordBit)! || a.wordBit - b.wordBit
      || b.termBound - a.termBound || a.termIndex - b.termIndex || a.start - b.start);
    const bounds = boundSums(probes.slice().reverse(), this.cursors.length);
    this.probeBound[probes.length] = 0;
    this.probeWords[probes.length] = 0;
    for (let i = probes.length - 1; i >= 0; i--) {
      this.probeBound[i] = bounds[probes.length - i]!;
      this.probeWords[i] = this.probeWords[i + 1]! | probes[i]!.wordBit;
    }
    this.probes = probes;
  }

  run(): void {
    const n = this.byBound.length;
    if (n > EXHAUSTIVE_TERMS && this.firstEssential < n) {
      for (const c of this.cursors) c.windowEnd = c.end;
      this.scoreWindow();
      return;
    }
    while (this.firstEssential < n) {
      const alone = this.firstEssential === n - 1 ? this.byBound[n - 1]!.termIndex : -1;
      this.probeOrder(alone);
      if (alone >= 0) {
        this.scanOne(this.byBound[n - 1]!);
        return;
      }
      if (!this.window()) return;
    }
  }

  /**
   * One essential term: its postings in order, skipping every block whose maximum cannot lift a document to the
   * k-th best, and within a block every posting below the impact that could.
   */
  private scanOne(c: Cursor): void {
    const { docs, impacts, blockMax } = this.f;
    const rest = this.firstEssential;
    const restBound = this.probeBound[0]!;
    const words = popcount(c.wordBit | this.probeWords[0]!);
    // A posting can compete only if weight × impact > cut (the test `complete` starts with, solved for the impact).
    let cut = (this.threshold / (words * MARGIN) - restBound) / c.weight;
    // Most candidates fail on the first probed term: when it has a bitset, that test is made here, without a call.
    const { probes, probeBound, probeWords } = this;
    const first = probes.length > 0 && probes[0]!.bitBase >= 0 ? probes[0]! : undefined;
    let afterFirst = 0;
    while (first && afterFirst < probes.length && probes[afterFirst]!.termIndex === first.termIndex) afterFirst++;
    const wordsWithoutFirst = popcount(c.wordBit | probeWords[afterFirst]!);
    const cutWithoutFirst = (): number => (this.threshold / (wordsWithoutFirst * MARGIN) - probeBound[afterFirst]!) / c.weight;
    let missCut = cutWithoutFirst();
    const { bitsets } = this.f;
    for (let block = (c.p - c.start) >> BLOCK_SHIFT, p = c.p; p < c.end; block++) {
      const blockEnd = Math.min(c.start + ((block + 1) << BLOCK_SHIFT), c.end);
      if (blockMax[c.blockBase + block]! <= cut) { p = blockEnd; continue; }
      for (; p < blockEnd; p++) {
        const impact = impacts[p]!;
        if (impact <= cut) continue;
        if (first && impact <= missCut && !first.mayHave(bitsets, docs[p]!)) continue;
        c.mark = p;
        this.complete(docs[p]!, c.weight * impact, c.wordBit, c.termIndex);
        if (this.firstEssential > rest) return; // this term is non-essential now: nothing left can compete
        cut = (this.threshold / (words * MARGIN) - restBound) / c.weight;
        missCut = cutWithoutFirst();
      }
    }
  }

  /**
   * Probes the non-essential terms for a document (found in term `found`, whose other tier cannot have it) while it
   * can still reach the k-th best; offers it if it can.
   */
  private complete(doc: number, sum: number, words: number, found: number): void {
    const { probes, probeBound, probeWords } = this;
    const { docs, impacts } = this.f;
    if ((sum + probeBound[0]!) * popcount(words | probeWords[0]!) * MARGIN <= this.threshold) return;
    const { bitsets } = this.f;
    for (let i = 0; i < probes.length; i++) {
      const c = probes[i]!;
      // A term found in one tier (or a term without the document) is not looked up in its other tier.
      if (c.p < c.end && c.termIndex !== found && c.mayHave(bitsets, doc)) {
        c.p = seek(docs, c.p, c.end, doc);
        if (c.p < c.end && docs[c.p] === doc) {
          sum += c.weight * impacts[c.p]!;
          words |= c.wordBit;
          found = c.termIndex;
        }
      }
      if ((sum + probeBound[i + 1]!) * popcount(words | probeWords[i + 1]!) * MARGIN <= this.threshold) return;
    }
    this.offer(doc);
  }

  /** Offers a document that can reach the k-th best with its exact score (unless a seed already offered it). */
  private offer(doc: number): void {
    const { seeds } = this;
    const at = seek(seeds, 0, seeds.length, doc);
    if (at < seeds.length && seeds[at] === doc) return;
    this.top.offer(this.exactScore(doc), doc);
    if (this.top.threshold > this.threshold) {
      this.threshold = this.top.threshold;
      this.partition();
    }
  }

  /**
   * Several essential terms: their postings in the next window of documents are added up per document (term at a
   * time); then the non-essential terms are added to the documents found, each by merging its postings in the
   * window or by probing for each document, whichever reads less, dropping documents that can no longer compete.
   * Returns false when no essential posting is left.
   */
  private window(): boolean {
    const { f, byBound, probes, probeBound, probeWords } = this;
    const { docs, impacts } = f;
    const n = byBound.length;
    const first = this.firstEssential;
    let from = 0xffffffff;
    let to = 0xffffffff;
    for (let i = first; i < n; i++) {
      const c = byBound[i]!;
      if (c.p >= c.end) continue;
      if (docs[c.p]! < from) from = docs[c.p]!;
      const blockLast = docs[Math.min(c.start + ((((c.p - c.start) >> BLOCK_SHIFT) + 1) << BLOCK_SHIFT), c.end) - 1]!;
      if (blockLast < to) to = blockLast;
    }
    if (from === 0xffffffff) return false;
    // Each window costs a few look-ups per term: with many terms, windows are wider.
    const width = Math.max(MIN_WINDOW, WINDOW_PER_TERM * n);
    if (to - from < width) to = Math.min(from + width, 0xfffffffe);
    let bound = probeBound[0]!;
    for (let i = first; i < n; i++) {
      const c = byBound[i]!;
      if (c.p < c.end) bound += c.boundUpTo(f, to);
    }
    if (bound * popcount(this.nonEssentialWords[n]!) * MARGIN <= this.threshold) {
      for (let i = first; i < n; i++) {
        const c = byBound[i]!;
        if (c.p < c.end) c.p = seek(docs, c.p, c.end, to + 1);
      }
      return true;
    }
    let essentialPostings = 0;
    for (let i = first; i < n; i++) essentialPostings += (byBound[i]!.windowEnd = seek(docs, byBound[i]!.p, byBound[i]!.end, to + 1)) - byBound[i]!.p;
    // Scoring every term reads every posting; probing reads the essential ones, and per other term either its
    // postings (merged) or a bitset test per document found. Score every term where that reads about as much.
    let otherPostings = 0;
    let probeCost = 0;
    for (const c of probes) {
      c.p = seek(docs, c.p, c.end, from);
      const postings = (c.windowEnd = seek(docs, c.p, c.end, to + 1)) - c.p;
      otherPostings += postings;
      probeCost += c.bitBase >= 0 ? Math.min(postings, essentialPostings / 4) : postings;
    }
    if (4 * (essentialPostings + probeCost) > 3 * (essentialPostings + otherPostings)) {
      this.scoreWindow();
      this.partition();
      return true;
    }
    const s = scratchFor(f);
    const generation = nextGeneration(s);
    const { sum, words, stamps, candidates } = s;
    let count = accumulate(f, s, generation, byBound, first, n);
    // The documents stay in the order found (sorting them costs more than the look-ups it would speed up).
    for (let i = 0; i <= probes.length; i++) {
      // Between words, keep the documents that can still reach the k-th best with probes[i, end) still to add.
      if (i > 0 && i < probes.length && probes[i]!.wordBit === probes[i - 1]!.wordBit) {
        count = this.addTerm(probes[i]!, count, generation);
        continue;
      }
      const restBound = probeBound[i]!;
      const restWords = probeWords[i]!;
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const doc = candidates[k]!;
        if ((sum[doc]! + restBound) * popcount(words[doc]! | restWords) * MARGIN > this.threshold) candidates[kept++] = doc;
        else stamps[doc] = 0;
      }
      count = kept;
      if (i === probes.length || count === 0) break;
      count = this.addTerm(probes[i]!, count, generation);
    }
    for (let k = 0; k < count; k++) {
      // The k-th best rises as the window's documents are offered.
      const doc = candidates[k]!;
      if (sum[doc]! * popcount(words[doc]!) * MARGIN > this.threshold) this.offer(doc);
    }
    return true;
  }

  /**
   * Scores every document of the window exactly: each term's postings up to its windowEnd, added in query order,
   * so the sums are the exact scores.
   */
  private scoreWindow(): void {
    const s = scratchFor(this.f);
    const { sum, words, candidates } = s;
    const count = accumulate(this.f, s, nextGeneration(s), this.cursors, 0, this.cursors.length);
    const { top, seeds } = this;
    for (let k = 0; k < count; k++) {
      const doc = candidates[k]!;
      const score = sum[doc]! * popcount(words[doc]!);
      if (score < top.threshold) continue;
      const at = seek(seeds, 0, seeds.length, doc);
      if (at === seeds.length || seeds[at] !== doc) top.offer(score, doc);
    }
    this.threshold = top.threshold;
  }

  /**
   * Adds a non-essential term's postings in the window to the window's documents: by merging its postings
   * in the window or by a look-up per document, whichever reads less. Returns the document count (unchanged).
   */
  private addTerm(c: Cursor, count: number, generation: number): number {
    const { docs, impacts } = this.f;
    const { sum, words, stamps, candidates } = scratchFor(this.f);
    const { weight, wordBit, windowEnd } = c;
    if (windowEnd - c.p < 4 * count) {
      for (let p = c.p; p < windowEnd; p++) {
        const doc = docs[p]!;
        if (stamps[doc] === generation) { sum[doc]! += weight * impacts[p]!; words[doc]! |= wordBit; }
      }
    } else {
      const { bitsets } = this.f;
      for (let k = 0; k < count; k++) {
        const doc = candidates[k]!;
        if (!c.mayHave(bitsets, doc)) continue;
        const p = seek(docs, c.p, windowEnd, doc);
        if (p < windowEnd && docs[p] === doc) { sum[doc]! += weight * impacts[p]!; words[doc]! |= wordBit; }
      }
    }
    c.p = windowEnd;
    return count;
  }

  /**
   * The document's score with its terms added in query order (as exhaustive scoring adds them). With `ascending`
   * (documents scored in increasing order) the marks move up to the document, so the next look-ups start there.
   */
  private exactScore(doc: number, ascending = false): number {
    const { docs, impacts } = this.f;
    let sum = 0;
    let words = 0;
    const { bitsets } = this.f;
    for (const c of this.cursors) {
      if (!c.mayHave(bitsets, doc)) continue;
      const p = seek(docs, c.mark, c.end, doc);
      if (ascending) c.mark = p;
      if (p < c.end && docs[p] === doc) {
        sum += c.weight * impacts[p]!;
        words |= c.wordBit;
      }
    }
    return sum * popcount(words);
  }

  /**
   * Scores likely top documents exactly and offers them, so pruning starts from a high k-th best instead of zero:
   * for a query of several words those of a small tier holding the most words (likelyBest), else the champions
   * (highest impacts) of the highest-bound terms. Returns the seeded documents, sorted, so they are not offered twice.
   */
  private seed(terms: readonly QueryTerm[], limit: number): Uint32Array {
    const { f } = this;
    const budget = Math.max(limit, Math.floor(SEED_BUDGET / this.cursors.length));
    const chosen = new Set<number>(this.likelyBest(Math.min(2 * limit, budget), Math.min(SEED_LIKELY, budget), limit));
    if (chosen.size < limit) {
      const bound = (t: QueryTerm): number => t.weight * f.maxImpact[t.term]!;
      for (const { term } of terms.slice().sort((a, b) => bound(b) - bound(a))) {
        const from = f.championOffsets[term]!;
        const to = Math.min(f.championOffsets[term + 1]!, from + limit);
        for (let k = from; k < to && chosen.size < budget; k++) chosen.add(f.docs[f.champions[k]!]!);
        if (chosen.size >= budget) break;
      }
    }
    const seeds = Uint32Array.from(chosen).sort();
    for (const doc of seeds) this.top.offer(this.exactScore(doc, true), doc);
    for (const c of this.cursors) c.mark = c.start;
    return seeds;
  }

  /**
   * Up to `count` documents that hold the most query words, as far as the words' bitsets tell (one term's champions
   * rarely hold the other words, so they seed a low k-th best). They are taken from the smallest high tier among
   * the terms of at least half the highest bound. A term's high tier holds its best postings, so documents in a
   * high tier of every word are the likely best; when that tier has fewer than `limit` of them (its best postings
   * can exclude the others', e.g. an impact that favours short titles), `rareCount` documents are taken from it and
   * from the high tier of the highest-bound term.
   */
  private likelyBest(count: number, rareCount: number, limit: number): number[] {
    const { f, cursors } = this;
    let words = 0;
    let top: Cursor | undefined;
    for (const c of cursors) { words |= c.wordBit; if (!top || c.termBound > top.termBound) top = c; }
    if (popcount(words) < 2) return [];
    let high: Cursor | undefined;
    for (const c of cursors) {
      if (c.start === f.offsets[c.term]! && 2 * c.termBound >= top!.termBound && (!high || c.end - c.start < high.end - high.start)) high = c;
    }
    if (!high || high.end - high.start > SEED_SCAN) return [];
    const others = (c: Cursor): Cursor[] => cursors.filter((o) => o.bitBase >= 0 && o.start === f.offsets[o.term]! && o.wordBit !== c.wordBit);
    const best = new TopK(count);
    const second = cursors.find((c) => c.term === top!.term && c.start === f.offsets[c.term]!)!;
    if (this.mostWords(high, others(high), best) >= limit || second === high || second.end - second.start > SEED_SCAN) {
      return best.results().map((hit) => hit.position);
    }
    const rare = new TopK(rareCount);
    this.mostWords(high, others(high), rare);
    this.mostWords(second, others(second), rare);
    return rare.results().map((hit) => hit.position);
  }

  /**
   * Offers the documents of c's postings by the number of query words found in them (the other words by
   * their high tiers' bitsets), then by the impacts known: the posting's and, for a document with every word found,
   * those in the other words' high tiers. Returns how many documents are in a high tier of every word.
   */
  private mostWords(c: Cursor, others: readonly Cursor[], best: TopK): number {
    const { docs, impacts, bitsets } = this.f;
    let every = c.wordBit;
    for (const o of others) every |= o.wordBit;
    const at = Int32Array.from(others, (o) => o.start);
    let complete = 0;
    let floor = best.threshold;
    for (let p = c.start; p < c.end; p++) {
      const doc = docs[p]!;
      let found = c.wordBit;
      for (let k = 0; k < others.length; k++) {
        const o = others[k]!;
        if ((found & o.wordBit) === 0 && (bitsets[o.bitBase + (doc >>> 5)]! & (1 << (doc & 31))) !== 0) found |= o.wordBit;
      }
      // Words found first (millions: more than any sum of impacts), then the impacts known.
      const words = popcount(found) * 1e6;
      if (found !== every && words + 1e6 <= floor) continue;
      let value = words + c.weight * impacts[p]!;
      if (found === every) {
        let high = 0;
        for (let k = 0; k < others.length; k++) {
          const o = others[k]!;
          const q = (at[k] = seek(docs, at[k]!, o.end, doc));
          if (q < o.end && docs[q] === doc) { value += o.weight * impacts[q]!; high++; }
        }
        if (high === others.length) complete++;
      }
      best.offer(value, doc);
      floor = best.threshold;
    }
    return complete;
  }
}
