// Generates a large, deterministic help-center-like corpus (JSONL or Markdown) for benchmarks and scale tests.
// Usage: node bench/gen-corpus.js [--count 100000] [--out bench/.corpus] [--format jsonl|markdown] [--seed 1]
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const TOPICS = ['refund', 'shipping', 'account', 'billing', 'return', 'privacy', 'invoice', 'warranty',
  'subscription', 'password', 'delivery', 'exchange', 'coupon', 'payment', 'order', 'tracking',
  'cancellation', 'membership', 'gift card', 'security', 'export', 'integration', 'webhook', 'api key'];
const PRODUCTS = ['Anvil', 'Rocket Skates', 'Giant Magnet', 'Tornado Seeds', 'Earthquake Pills',
  'Jet Bike', 'Portable Hole', 'Invisible Paint', 'Bird Seed', 'Iron Glove', 'Spring Shoes', 'Dehydrated Boulders'];
const VERBS = ['request', 'update', 'cancel', 'track', 'change', 'verify', 'download', 'reset', 'transfer',
  'renew', 'close', 'dispute', 'enable', 'disable', 'review', 'schedule'];
const REGIONS = ['Canada', 'Mexico', 'Germany', 'Japan', 'Brazil', 'Australia', 'India', 'France', 'Kenya', 'Chile'];
// Function words appear everywhere (as in real prose); the rest of the vocabulary is drawn from
// ~20k synthetic words with a Zipf-like (log-uniform rank) distribution, so term frequencies
// look like a real help center rather than a handful of words repeated in every document.
const FUNCTION_WORDS = ['the', 'a', 'to', 'and', 'of', 'in', 'for', 'your', 'is', 'on', 'with', 'you', 'can', 'we', 'it', 'or', 'be', 'this', 'if', 'are'];
const COMMON = ('customers find option settings change applies within business days support team answers ticket record '
  + 'step taken form shows error check details entered again later contact charges appear statement merchant name '
  + 'reference number lookup items unused original packaging accessories manuals labels notifications email app '
  + 'status action needed').split(' ');
const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'sa', 'ver', 'pol', 'dri', 'an', 'chel', 'mo', 'rus', 'ten', 'bi', 'gra', 'fu', 'nel', 'ost', 'pra', 'vi'];
const VOCABULARY_SIZE = 20000;
const VOCABULARY = Array.from({ length: VOCABULARY_SIZE }, (_, n) => {
  let word = '';
  let k = n + 1;
  while (k > 0) { word += SYLLABLES[k % SYLLABLES.length]; k = Math.floor(k / SYLLABLES.length); }
  return word;
});
const CATEGORIES = ['orders', 'payments', 'account', 'shipping', 'legal', 'technical'];

/** Small seeded PRNG (mulberry32) so every run produces the same corpus. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {() => number} rand */
function pickWord(rand) {
  const r = rand();
  if (r < 0.3) return FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)];
  if (r < 0.4) return COMMON[Math.floor(rand() * COMMON.length)];
  if (r < 0.43) return TOPICS[Math.floor(rand() * TOPICS.length)];
  return VOCABULARY[Math.floor(Math.exp(rand() * Math.log(VOCABULARY_SIZE))) - 1];
}

/**
 * One synthetic article.
 * @param {number} i
 * @param {() => number} rand
 */
export function makeRecord(i, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const topic = pick(TOPICS);
  const product = pick(PRODUCTS);
  const verb = pick(VERBS);
  const region = pick(REGIONS);
  const title = `How to ${verb} a ${topic} for ${product} in ${region}`;
  const sentences = [];
  const sentenceCount = 6 + Math.floor(rand() * 6);
  for (let s = 0; s < sentenceCount; s++) {
    const words = [];
    const len = 10 + Math.floor(rand() * 10);
    for (let w = 0; w < len; w++) words.push(pickWord(rand));
    if (s === 0) words.unshift(`To ${verb} a ${topic} for ${product}`);
    sentences.push(words.join(' ') + '.');
  }
  return {
    id: `kb-${String(i).padStart(6, '0')}`,
    title,
    text: sentences.join(' '),
    category: pick(CATEGORIES),
    updated: `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
  };
}

/**
 * Writes `count` documents under `dir` and returns the files written.
 * jsonl → one `kb.jsonl` (fields id/title/text/category/updated); markdown → `articles/<id>.md` with front matter.
 * @param {{ dir: string, count: number, format?: 'jsonl' | 'markdown', seed?: number }} options
 * @returns {Promise<string[]>}
 */
export async function generateCorpus({ dir, count, format = 'jsonl', seed = 1 }) {
  const rand = prng(seed);
  mkdirSync(dir, { recursive: true });
  if (format === 'markdown') {
    const articles = join(dir, 'articles');
    mkdirSync(articles, { recursive: true });
    const files = [];
    for (let i = 0; i < count; i++) {
      const r = makeRecord(i, rand);
      const file = join(articles, `${r.id}.md`);
      writeFileSync(file, `---\ntitle: ${r.title}\ncategory: ${r.category}\nupdated: ${r.updated}\n---\n\n${r.text}\n`);
      files.push(file);
    }
    return files;
  }
  const file = join(dir, 'kb.jsonl');
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(JSON.stringify(makeRecord(i, rand)) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return [file];
}

function argValue(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(argValue('count', '100000'));
  const dir = resolve(argValue('out', 'bench/.corpus'));
  const format = argValue('format', 'jsonl');
  const seed = Number(argValue('seed', '1'));
  const started = performance.now();
  const files = await generateCorpus({ dir, count, format, seed });
  process.stdout.write(`wrote ${count} ${format} documents to ${dir} (${files.length} file(s)) in ${Math.round(performance.now() - started)} ms\n`);
}
