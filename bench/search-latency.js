// Measures the corpus search index at scale: build time, cached-restart ready time, deferred index load,
// query latency (no result cache) and RSS. Latency is measured on three query sets, each after one untimed round:
//   - a fixed mix of realistic queries (QUERIES below: typos, prefixes, long and stop-word queries);
//   - bench/targets.js's search scenario queries, p50/p99 of each one;
//   - --random N distinct random queries (bench/lib/random-queries.js: 1-4 corpus words, some typos and prefixes).
// Usage: node bench/search-latency.js [--count 100000] [--work /tmp/mcp-devmode-search-bench] [--dist dist] [--rounds 20]
//        [--random 500] [--random-rounds 5] [--all] (median of every fixed query) [--show-top] (top 3 titles per query)
// Builds the corpus (and its on-disk index cache) in this process, then measures a cached restart in a fresh child
// process so RSS and load times are those of a server started on an existing cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './gen-corpus.js';
import { randomQueries } from './lib/random-queries.js';
import { SEARCH_QUERIES } from './targets.js';

const QUERIES = [
  'how to cancel a membership for jet bike in japan', 'refund anvil', 'refnud', 'shipping canada', 'reset password',
  'rocket skates', 'warranty', 'warrenty', 'subscr', 'gift card balance', 'how do i track my order',
  'cancel subscription', 'invoice for portable hole', 'change billing address', 'api key rotation',
  'webhook integration errors', 'export account data', 'privacy policy germany', 'coupon not working',
  'delivery times to brazil', 'exchange earthquake pills', 'dispute a charge on my statement', 'verify email',
  'transfer membership', 'how to renew a warranty for iron glove in france', 'tornado seeds return',
  'payment declined', 'security two step', 'download invoice', 'schedule delivery india', 'giant magnet',
  'enable notifications app', 'close account', 'business days refund', 'merchant name on statement',
  'original packaging return', 'bird seed subscription australia', 'invisible paint order tracking',
  'support ticket status', 'spring shoes exchange mexico', 'dehydrated boulders shipping kenya',
  'kalo', 'merpol', 'tinsa verdri', 'cancelation', 'shiping', 'membrship', 'paymnt options',
  'how to review a coupon for anvil in chile', 'update', 'the', 'integr',
  // The rest of bench/targets.js's search mix.
  'refund', 'gift card anvil', 'invoice germany', 'track delivery jet bike',
];

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const count = Number(arg('count', '100000'));
const work = resolve(arg('work', '/tmp/mcp-devmode-search-bench'));
const dist = resolve(arg('dist', join(fileURLToPath(new URL('..', import.meta.url)), 'dist')));
const rounds = Number(arg('rounds', '20'));
const randomCount = Number(arg('random', '500'));
const randomRounds = Number(arg('random-rounds', '5'));
const dir = join(work, `corpus-${count}`);
const config = { name: 'kb', baseUrl: 'https://kb.acme.example/', sources: [{ path: 'kb.jsonl', fields: { metadata: ['category', 'updated'] } }] };
const mb = (bytes) => Math.round(bytes / 1048576);
const cpuMs = (since) => { const u = process.cpuUsage(since); return Math.round((u.user + u.system) / 1000); };

async function loadModules() {
  const { loadCorpus } = await import(pathToFileURL(join(dist, 'runtime/corpus/load-corpus.js')).href);
  const { silentLogger } = await import(pathToFileURL(join(dist, 'runtime/logger.js')).href);
  return { loadCorpus, logger: silentLogger() };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/**
 * A first round (timed apart: each query seen for the first time, so any per-word caches are cold and the JIT has
 * not seen every shape), then `n` timed rounds; all lists come back sorted.
 */
function measure(corpus, queries, n) {
  const firstTimes = queries.map((q) => { const t = performance.now(); corpus.search(q, 10); return performance.now() - t; });
  const times = [];
  const cpuTimes = [];
  const perQuery = new Map(queries.map((q) => [q, []]));
  for (let r = 0; r < n; r++) {
    for (const q of queries) {
      const c = process.cpuUsage();
      const t = performance.now();
      corpus.search(q, 10);
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      cpuTimes.push((used.user + used.system) / 1000);
      times.push(ms);
      perQuery.get(q).push(ms);
    }
  }
  const byValue = (a, b) => a - b;
  for (const ts of perQuery.values()) ts.sort(byValue);
  return { times: times.sort(byValue), cpuTimes: cpuTimes.sort(byValue), perQuery, firstTimes: firstTimes.sort(byValue) };
}

async function child() {
  const { loadCorpus, logger } = await loadModules();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const corpus = await loadCorpus(config, { baseDir: dir, logger, warmIndex: false });
  const readyMs = performance.now() - started;
  const readyCpu = cpuMs(cpu);
  if (!corpus.fromCache) throw new Error('expected a cached corpus');
  const cpu2 = process.cpuUsage();
  const loadStarted = performance.now();
  corpus.search('warm up', 1);
  const indexLoadMs = performance.now() - loadStarted;
  const indexLoadCpu = cpuMs(cpu2);
  globalThis.gc?.();
  const rssLoaded = process.memoryUsage().rss;
  const top = {};
  for (const q of QUERIES) top[q] = corpus.search(q, 10).slice(0, 3).map((h) => h.title);
  const fixed = measure(corpus, QUERIES, rounds);
  const targets = measure(corpus, SEARCH_QUERIES, rounds);
  const random = randomCount > 0 ? measure(corpus, randomQueries({ count: randomCount }), randomRounds) : undefined;
  const { times, cpuTimes } = fixed;
  const medians = [...fixed.perQuery].map(([q, ts]) => [q, percentile(ts, 0.5)]).sort((a, b) => b[1] - a[1]);
  const slowest = process.argv.includes('--all') ? medians : medians.slice(0, 5);
  globalThis.gc?.();
  const result = {
    readyMs: Math.round(readyMs), readyCpuMs: readyCpu, indexLoadMs: Math.round(indexLoadMs), indexLoadCpuMs: indexLoadCpu,
    queries: times.length, p50Ms: +percentile(times, 0.5).toFixed(3), p90Ms: +percentile(times, 0.9).toFixed(3),
    p99Ms: +percentile(times, 0.99).toFixed(3), maxMs: +times.at(-1).toFixed(3),
    cpuP50Ms: +percentile(cpuTimes, 0.5).toFixed(3), cpuP99Ms: +percentile(cpuTimes, 0.99).toFixed(3),
    meanMs: +(times.reduce((a, b) => a + b, 0) / times.length).toFixed(3),
    rssAfterLoadMb: mb(rssLoaded), rssAfterQueriesMb: mb(process.memoryUsage().rss), heapUsedMb: mb(process.memoryUsage().heapUsed),
    slowestMedianMs: Object.fromEntries(slowest.map(([q, ms]) => [q, +ms.toFixed(3)])),
    targets: Object.fromEntries([...targets.perQuery].map(([q, ts]) => [q, [+percentile(ts, 0.5).toFixed(3), +percentile(ts, 0.99).toFixed(3)]])),
    targetsP50Ms: +percentile(targets.times, 0.5).toFixed(3), targetsP99Ms: +percentile(targets.times, 0.99).toFixed(3),
    random: random && {
      distinct: random.perQuery.size, queries: random.times.length, p50Ms: +percentile(random.times, 0.5).toFixed(3),
      firstP50Ms: +percentile(random.firstTimes, 0.5).toFixed(3), firstP99Ms: +percentile(random.firstTimes, 0.99).toFixed(3),
      p90Ms: +percentile(random.times, 0.9).toFixed(3), p99Ms: +percentile(random.times, 0.99).toFixed(3),
      maxMs: +random.times.at(-1).toFixed(3), meanMs: +(random.times.reduce((a, b) => a + b, 0) / random.times.length).toFixed(3),
      slowestMedianMs: Object.fromEntries([...random.perQuery].map(([q, ts]) => [q, +percentile(ts, 0.5).toFixed(3)]).sort((a, b) => b[1] - a[1]).slice(0, 5)),
    },
    top3: process.argv.includes('--show-top') ? top : undefined,
  };
  corpus.close?.();
  process.stdout.write(JSON.stringify(result) + '\n');
}

async function main() {
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, '.count');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== String(count)) {
    await generateCorpus({ dir, count, format: 'jsonl', seed: 1 });
    writeFileSync(marker, String(count));
  }
  rmSync(join(dir, '.mcp-devmode'), { recursive: true, force: true });
  const { loadCorpus, logger } = await loadModules();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const built = await loadCorpus(config, { baseDir: dir, logger });
  const buildMs = Math.round(performance.now() - started);
  const buildCpuMs = cpuMs(cpu);
  const buildRssMb = mb(process.memoryUsage().rss);
  built.close?.();
  process.stdout.write(`documents: ${count}  build (parse + index + write cache): ${buildMs} ms wall, ${buildCpuMs} ms CPU, RSS ${buildRssMb} MB\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', ...process.argv.slice(2)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`child failed with status ${run.status}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1));
  process.stdout.write(`cached restart: ready ${result.readyMs} ms (${result.readyCpuMs} ms CPU); index load on first search ${result.indexLoadMs} ms (${result.indexLoadCpuMs} ms CPU)\n`);
  process.stdout.write(`queries: ${result.queries} (${QUERIES.length} distinct x ${rounds}), p50 ${result.p50Ms} ms, p90 ${result.p90Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms, mean ${result.meanMs} ms (CPU p50 ${result.cpuP50Ms} ms, p99 ${result.cpuP99Ms} ms)\n`);
  process.stdout.write(`RSS after index load ${result.rssAfterLoadMb} MB, after queries ${result.rssAfterQueriesMb} MB (heap ${result.heapUsedMb} MB)\n`);
  process.stdout.write(`slowest queries (median ms): ${JSON.stringify(result.slowestMedianMs)}\n`);
  process.stdout.write(`bench/targets.js queries: p50 ${result.targetsP50Ms} ms, p99 ${result.targetsP99Ms} ms; each [p50, p99] ms: ${JSON.stringify(result.targets)}\n`);
  if (result.random) {
    const r = result.random;
    process.stdout.write(`random queries: ${r.queries} (${r.distinct} distinct x ${randomRounds}), p50 ${r.p50Ms} ms, p90 ${r.p90Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, mean ${r.meanMs} ms; first sight of each: p50 ${r.firstP50Ms} ms, p99 ${r.firstP99Ms} ms; slowest (median ms): ${JSON.stringify(r.slowestMedianMs)}\n`);
  }
  if (result.top3) process.stdout.write(JSON.stringify(result.top3, null, 1) + '\n');
}

if (process.argv.includes('--child')) await child();
else await main();
