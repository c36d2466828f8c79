// "Did you mean …?" suggestions: the closest allowed word by edit distance, when it is close enough.

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The candidate nearest to `word`, or undefined when none is plausibly a typo of it. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  // A third of the word's length, at least 1 and at most 3 edits, reads as a typo rather than another word.
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `did you mean "x"?` or a list of what is allowed. */
export function suggestionHint(word: string, allowed: readonly string[], noun = 'keys'): string {
  const match = closestMatch(word, allowed);
  if (match) return `did you mean "${match}"?`;
  return allowed.length ? `allowed ${noun}: ${allowed.join(', ')}` : `no ${noun} are allowed here`;
}
