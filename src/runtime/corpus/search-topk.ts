// Top-k primitives shared by the search engine (search-maxscore.ts): the bounded heap, posting look-up, bit count,
// and the exhaustive reference every pruned search must equal.
//
// A document's score is (Σ weight × impact over the query's terms it contains, added in query order) × (the number
// of query words it matches).
import type { FrozenIndex } from './search-index.js';

/** Postings per block (1 << BLOCK_SHIFT) whose highest impact the index stores. */
export const BLOCK_SHIFT = 6;

/** One query term: a vocabulary term of one query word, with the weight of that expansion. */
export interface QueryTerm {
  readonly term: number;
  readonly weight: number;
  /** Bit of its query word (words are numbered in scoring order; at most 32). */
  readonly wordBit: number;
}

export interface Hit {
  readonly position: number;
  readonly score: number;
}

/** Number of set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Keeps the k best (score, position) pairs: a min-heap whose root is the worst kept, ties lose by later position. */
export class TopK {
  private readonly values: Float64Array;
  private readonly docs: Uint32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.values = new Float64Array(k);
    this.docs = new Uint32Array(k);
  }

  /** The score a document must beat to enter (or −1 while fewer than k are kept: every score is positive). */
  get threshold(): number {
    return this.size < this.k ? -1 : this.values[0]!;
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
  results(): Hit[] {
    const out: Hit[] = [];
    for (let i = 0; i < this.size; i++) out.push({ position: this.docs[i]!, score: this.values[i]! });
    return out.sort((a, b) => b.score - a.score || a.position - b.position);
  }
}

/** Index of the first posting in [from, end) whose document is >= doc (galloping, then binary search). */
export function seek(docs: Uint32Array, from: number, end: number, doc: number): number {
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
/** The reference: every posting of every term scored, term by term. Same results as topDocuments (tested). */
export function topDocumentsExhaustive(f: FrozenIndex, terms: readonly QueryTerm[], limit: number): Hit[] {
  const score = new Float64Array(f.slots);
  const words = new Uint32Array(f.slots);
  const touched: number[] = [];
  for (const { term, weight, wordBit } of terms) {
    for (let p = f.offsets[term]!, end = f.offsets[term + 1]!; p < end; p++) {
      const doc = f.docs[p]!;
      if (words[doc] === 0) touched.push(doc);
      words[doc]! |= wordBit;
      score[doc]! += weight * f.impacts[p]!;
    }
  }
  const top = new TopK(limit);
  for (const doc of touched) top.offer(score[doc]! * popcount(words[doc]!), doc);
  return top.results();
}
