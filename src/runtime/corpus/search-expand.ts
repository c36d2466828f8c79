// Query word → vocabulary terms: the exact term, prefix completions and typo corrections, with their weights.
// The index is immutable once built, so expansions are memoised per index (a small LRU): the typo walk over the
// vocabulary costs 0.2-1 ms, which a repeated word should pay once.
import type { FrozenIndex } from './search-index.js';

const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MIN_PREFIX = 3;
/** Prefix expansions per query word, most frequent first: bounds the cost of short prefixes. */
const MAX_PREFIX_TERMS = 64;
/** One typo from 4 characters, two from 6 ("refnud" → refund is two substitutions). */
const maxTypos = (term: string): number => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0);
/** Expanded words remembered per index; an entry is a few dozen numbers. */
const CACHE_SIZE = 2048;

/** The vocabulary terms a query word stands for, in scoring order, with the weight of each. */
export interface Expansion {
  readonly terms: readonly number[];
  readonly weights: readonly number[];
}

const cacheByIndex = new WeakMap<FrozenIndex, Map<string, Expansion>>();

/**
 * Terms of one analysed query word: the exact term if the vocabulary has it; prefix completions (at most 64, most
 * frequent first) if it lacks it or it is the query's last word (search-as-you-type); and terms within one or two
 * edits if the vocabulary lacks it.
 */
export function expandWord(f: FrozenIndex, word: string, isLast: boolean): Expansion {
  let cache = cacheByIndex.get(f);
  if (!cache) cacheByIndex.set(f, (cache = new Map()));
  const key = isLast ? `${word}\u0000` : word;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: Map iteration order is insertion order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const expansion = expandUncached(f, word, isLast);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, expansion);
  return expansion;
}

function expandUncached(f: FrozenIndex, word: string, isLast: boolean): Expansion {
  const terms: number[] = [];
  const weights: number[] = [];
  const exact = f.termIds.get(word);
  if (exact !== undefined) { terms.push(exact); weights.push(1); }
  if (word.length >= MIN_PREFIX && (exact === undefined || isLast)) {
    for (const t of prefixTerms(f, word, exact)) {
      terms.push(t);
      // MiniSearch's prefix weight: shorter completions weigh more.
      weights.push((PREFIX_WEIGHT * word.length) / (word.length + 0.3 * (f.vocabulary[t]!.length - word.length)));
    }
  }
  const typos = maxTypos(word);
  if (exact === undefined && typos > 0) {
    const seen = new Set(terms);
    for (const { term, distance } of withinDistance(f.vocabulary, word, typos)) {
      if (distance > 0 && !seen.has(term)) { terms.push(term); weights.push((FUZZY_WEIGHT * word.length) / (word.length + distance)); }
    }
  }
  return { terms, weights };
}

/**
 * Completions of `word` other than `exact`: in vocabulary order, or when there are more than MAX_PREFIX_TERMS the
 * most frequent ones by falling document frequency (ties in vocabulary order).
 */
function prefixTerms(f: FrozenIndex, word: string, exact: number | undefined): number[] {
  const from = lowerBound(f.vocabulary, word);
  // Completions sort below word + U+FFFF; the scan after it only matters for terms holding U+FFFF themselves.
  let to = lowerBound(f.vocabulary, word + '\uffff', from);
  while (to < f.vocabulary.length && f.vocabulary[to]!.startsWith(word)) to++;
  const out: number[] = [];
  for (let t = from; t < to; t++) if (t !== exact) out.push(t);
  if (out.length <= MAX_PREFIX_TERMS) return out;
  const df = (t: number): number => f.offsets[t + 1]! - f.offsets[t]!;
  // The MAX_PREFIX_TERMS-th highest frequency, from a numeric typed-array sort (no comparator calls).
  const cut = Uint32Array.from(out, df).sort()[out.length - MAX_PREFIX_TERMS]!;
  const kept: number[] = [];
  for (const t of out) if (df(t) > cut) kept.push(t);
  for (const t of out) if (kept.length < MAX_PREFIX_TERMS && df(t) === cut) kept.push(t);
  return kept.sort((a, b) => df(b) - df(a) || a - b);
}

/** First index in sorted `vocabulary` (from `lo`) whose term is >= `term`. */
function lowerBound(vocabulary: readonly string[], term: string, lo = 0): number {
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
      t = lowerBound(vocabulary, term.slice(0, pruned) + '\uffff', t + 1);
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
