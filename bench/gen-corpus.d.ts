// Types for bench/gen-corpus.js (plain ESM so `node bench/gen-corpus.js` runs without a build).
export interface GeneratedRecord {
  id: string;
  title: string;
  text: string;
  category: string;
  updated: string;
}
export function prng(seed: number): () => number;
export function makeRecord(i: number, rand: () => number): GeneratedRecord;
export function generateCorpus(options: { dir: string; count: number; format?: 'jsonl' | 'markdown'; seed?: number }): Promise<string[]>;
