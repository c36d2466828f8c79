// Random search queries drawn from the generated corpus's vocabulary (bench/gen-corpus.js), for latency
// benchmarks and for tests that compare the pruned search with exhaustive scoring on many query shapes.
import { makeRecord, prng } from '../gen-corpus.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit (substitution, deletion, insertion or transposition) inside `word`. */
function typo(word, rand) {
  const at = 1 + Math.floor(rand() * (word.length - 2));
  const letter = LETTERS[Math.floor(rand() * LETTERS.length)];
  switch (Math.floor(rand() * 4)) {
    case 0: return word.slice(0, at) + letter + word.slice(at + 1);
    case 1: return word.slice(0, at) + word.slice(at + 1);
    case 2: return word.slice(0, at) + letter + word.slice(at);
    default: return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
  }
}

/**
 * `count` distinct lower-case queries of 1–4 words taken from generated articles (half from titles, half from
 * bodies, so rare title words and common body words both appear). About 20% have a typo in one word of 5+ letters
 * and 10% end in a truncated word (a prefix). Deterministic for a seed.
 * @param {{ count: number, seed?: number }} options
 * @returns {string[]}
 */
export function randomQueries({ count, seed = 7 }) {
  const rand = prng(seed);
  const out = new Set();
  while (out.size < count) {
    const record = makeRecord(0, rand);
    const split = (text) => text.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 3);
    const title = split(record.title);
    const body = split(record.text);
    const words = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => {
      const from = rand() < 0.5 ? title : body;
      return from[Math.floor(rand() * from.length)];
    });
    const r = rand();
    const long = words.findIndex((w) => w.length >= 5);
    if (r < 0.2 && long >= 0) words[long] = typo(words[long], rand);
    else if (r < 0.3) {
      const last = words.at(-1);
      if (last.length > 3) words[words.length - 1] = last.slice(0, 3 + Math.floor(rand() * (last.length - 3)));
    }
    out.add(words.join(' '));
  }
  return [...out];
}
