// `npm run bench`: throughput, latency and memory of mcp-devmode against a bare node:http server and
// the official MCP SDK v2 (stateless), plus `serve` ready time and idle RSS. 127.0.0.1 only.
// Flags: --duration S (10) --connections N (50) --rounds N (3) --docs N (100000) --quick
//        --only calculator|search  --json FILE
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argFlag, argValue } from './lib/args.js';
import { freePort, startChild } from './lib/children.js';
import { ensureCorpusProject } from './lib/corpus.js';
import { runLoad } from './lib/load.js';
import { postRpc } from './lib/rpc.js';
import { addBenchUser, oauthBearer } from './lib/oauth.js';
import { QUICKSTART, scenarios, servers, targets, targetHeaders } from './targets.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const LOGS = join(WORK, 'logs');

const quick = argFlag('quick');
const options = {
  duration: Number(argValue('duration', quick ? '3' : '10')),
  connections: Number(argValue('connections', '50')),
  rounds: Number(argValue('rounds', quick ? '1' : '3')),
  warmup: quick ? 1 : 2,
  docs: Number(argValue('docs', quick ? '10000' : '100000')),
  only: argValue('only', undefined),
  readySamples: quick ? 1 : 3,
};

const TARGETS = {
  calcVsBare: 0.5,
  calcVsSdk: 5,
  oauthCalcVsBare: 0.4,
  searchVsBare: 0.25,
  readyQuickstartMs: 400,
  readyCorpusMs: 1000,
  idleRssMb: 80,
};

function log(line) {
  process.stderr.write(`${line}\n`);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

async function launch(serverId, ctx) {
  const port = await freePort();
  const args = servers[serverId].args({ ...ctx, port });
  const env = servers[serverId].env?.({ ...ctx, port }) ?? {};
  return startChild({ name: serverId, args, port, root: ROOT, logDir: LOGS, env });
}

/** Spawn → first healthy answer, `samples` times; the last child is returned still running. */
async function measureReady(serverId, ctx, samples) {
  const times = [];
  let child;
  for (let i = 0; i < samples; i++) {
    if (child) await child.stop();
    child = await launch(serverId, ctx);
    times.push(child.readyMs);
  }
  return { readyMs: median(times), samples: times, child };
}

async function checkTarget(target, url) {
  const scenario = scenarios[target.scenario];
  // Scenarios with thousands of bodies check a sample (and must not warm a cache with all of them).
  for (const [index, body] of scenario.bodies.slice(0, scenario.checkCount ?? scenario.bodies.length).entries()) {
    const { status, message, text } = await postRpc(url, body, targetHeaders(target));
    if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
    const problem = scenario.check(message, { role: target.role, index });
    if (problem) return problem;
  }
  return undefined;
}

async function runScenario(scenarioId, ctx, results) {
  const rows = targets.filter((t) => t.scenario === scenarioId);
  const children = new Map();
  try {
    const startErrors = new Map();
    for (const serverId of new Set(rows.map((r) => r.server))) {
      log(`  starting ${serverId}`);
      try {
        children.set(serverId, await launch(serverId, ctx));
      } catch (err) {
        startErrors.set(serverId, firstLine(err));
        log(`  ${serverId} did not start: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const live = [];
    for (const target of rows) {
      const child = children.get(target.server);
      if (!child) {
        results.push({ ...target, failed: `server did not start: ${startErrors.get(target.server)}` });
        continue;
      }
      const url = `http://127.0.0.1:${child.port}/mcp`;
      if (target.oauth) {
        try {
          target.headers = await oauthBearer(`http://127.0.0.1:${child.port}`);
        } catch (err) {
          results.push({ ...target, failed: `OAuth sign-in failed: ${firstLine(err)}` });
          continue;
        }
      }
      const problem = await checkTarget(target, url);
      if (problem) {
        log(`  ${target.id}: answer check failed, not measured: ${problem}`);
        results.push({ ...target, failed: problem });
        continue;
      }
      log(`  warming ${target.id}`);
      await runLoad({ url, bodies: scenarios[scenarioId].bodies, rotate: scenarios[scenarioId].rotate, headers: targetHeaders(target), connections: options.connections, duration: options.warmup });
      live.push({ target, url, child, runs: [] });
    }
    // Interleaved rounds: every target gets a slot in each round, so drift hits all alike.
    for (let round = 1; round <= options.rounds; round++) {
      for (const entry of live) {
        log(`  round ${round}/${options.rounds}: ${entry.target.id}`);
        const run = await runLoad({ url: entry.url, bodies: scenarios[scenarioId].bodies, rotate: scenarios[scenarioId].rotate, headers: targetHeaders(entry.target), connections: options.connections, duration: options.duration });
        entry.runs.push(run);
      }
    }
    for (const entry of live) {
      const byRps = [...entry.runs].sort((a, b) => a.rps - b.rps);
      const mid = byRps[Math.floor((byRps.length - 1) / 2)];
      const problems = entry.runs.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0);
      results.push({
        ...entry.target,
        rps: mid.rps,
        p50: mid.p50,
        p99: mid.p99,
        rounds: entry.runs.map((r) => Math.round(r.rps)),
        problems,
        rssMb: entry.child.rssMb(),
      });
    }
  } finally {
    await Promise.all([...children.values()].map((c) => c.stop()));
  }
}

function fmt(n, digits = 0) {
  return n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);
}

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function printTable(results) {
  const out = [];
  out.push('');
  out.push(`Load: autocannon, ${options.connections} connections, ${options.duration} s × ${options.rounds} interleaved round(s), median round shown; 127.0.0.1; MCP-Protocol-Version 2025-11-25 (stateless POST).`);
  out.push(pad('scenario', 42) + pad('target', 42) + pad('req/s', 9, true) + pad('p50 ms', 8, true) + pad('p99 ms', 8, true) + pad('RSS MB', 8, true) + pad('vs bare', 9, true) + pad('vs SDK', 8, true) + '  rounds req/s');
  for (const scenarioId of Object.keys(scenarios)) {
    const rows = results.filter((r) => r.scenario === scenarioId);
    if (rows.length === 0) continue;
    const bare = rows.find((r) => r.role === 'bare' && r.rps);
    const sdkBest = rows.filter((r) => r.role === 'sdk' && r.rps).sort((a, b) => b.rps - a.rps)[0];
    for (const r of rows) {
      const title = scenarioId.startsWith('search') ? `${scenarios[scenarioId].title} (${options.docs} docs)` : scenarios[scenarioId].title;
      if (r.failed) {
        out.push(pad(title, 42) + pad(r.label, 42) + `  not measured: ${r.failed}`);
        continue;
      }
      const vsBare = bare && r !== bare ? `${fmt((r.rps / bare.rps) * 100)}%` : '';
      const vsSdk = sdkBest && r.role !== 'sdk' && r.role !== 'bare' ? `${fmt(r.rps / sdkBest.rps, 1)}×` : '';
      out.push(pad(title, 42) + pad(r.label, 42) + pad(fmt(r.rps), 9, true) + pad(fmt(r.p50, 1), 8, true) + pad(fmt(r.p99, 1), 8, true)
        + pad(fmt(r.rssMb), 8, true) + pad(vsBare, 9, true) + pad(vsSdk, 8, true) + `  ${r.rounds.join(' / ')}${r.problems ? `  (${r.problems} errors/timeouts/non-2xx!)` : ''}`);
    }
  }
  return out.join('\n');
}

function verdicts(results, ready) {
  const find = (id) => results.find((r) => r.id === id && r.rps);
  const lines = [];
  const check = (label, ok, detail) => lines.push(`${ok === undefined ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${label}: ${detail}`);
  const calc = find('calc-ours');
  const calcBare = find('calc-bare');
  const sdks = results.filter((r) => r.scenario === 'calculator' && r.role === 'sdk' && r.rps);
  const sdkBest = sdks.sort((a, b) => b.rps - a.rps)[0];
  const search = find('search-ours');
  const searchBare = find('search-bare');
  if (calc && calcBare) check(`calculator ≥ ${TARGETS.calcVsBare * 100}% of bare node:http`, calc.rps / calcBare.rps >= TARGETS.calcVsBare, `${fmt((calc.rps / calcBare.rps) * 100)}%`);
  else check('calculator vs bare', undefined, 'not measured');
  const oauthCalc = find('calc-oauth');
  if (oauthCalc && calcBare) check(`OAuth-protected calculator ≥ ${TARGETS.oauthCalcVsBare * 100}% of bare node:http`, oauthCalc.rps / calcBare.rps >= TARGETS.oauthCalcVsBare, `${fmt((oauthCalc.rps / calcBare.rps) * 100)}%`);
  else check('OAuth-protected calculator vs bare', undefined, 'not measured');
  if (calc && sdkBest) check(`calculator ≥ ${TARGETS.calcVsSdk}× the SDK handler (fastest SDK variant)`, calc.rps / sdkBest.rps >= TARGETS.calcVsSdk, `${fmt(calc.rps / sdkBest.rps, 1)}× (${sdkBest.label})`);
  else check('calculator vs SDK', undefined, 'not measured');
  if (search && searchBare) check(`search on ${options.docs} docs ≥ ${TARGETS.searchVsBare * 100}% of bare`, search.rps / searchBare.rps >= TARGETS.searchVsBare, `${fmt((search.rps / searchBare.rps) * 100)}%`);
  else check('search vs bare', undefined, 'not measured');
  // No target: how far the search answer cache carries the number above.
  const unique = find('search-unique-ours');
  const uniqueBare = find('search-unique-bare');
  if (unique && uniqueBare) lines.push(`INFO  search on ${options.docs} docs, every query distinct (no cache hits): ${fmt(unique.rps)} req/s = ${fmt((unique.rps / uniqueBare.rps) * 100)}% of bare`);
  if (ready.quickstart) check(`serve ready (quickstart) < ${TARGETS.readyQuickstartMs} ms`, ready.quickstart.readyMs < TARGETS.readyQuickstartMs, `${fmt(ready.quickstart.readyMs)} ms (samples ${ready.quickstart.samples.map((s) => fmt(s)).join(', ')})`);
  if (ready.corpusCached) check(`serve ready (${options.docs} docs, cached index) < ${TARGETS.readyCorpusMs} ms`, ready.corpusCached.readyMs < TARGETS.readyCorpusMs, `${fmt(ready.corpusCached.readyMs)} ms (samples ${ready.corpusCached.samples.map((s) => fmt(s)).join(', ')}); first start ${fmt(ready.corpusCold?.readyMs)} ms`);
  if (ready.idleRssMb !== undefined) check(`idle RSS (quickstart) < ${TARGETS.idleRssMb} MB`, ready.idleRssMb < TARGETS.idleRssMb, `${fmt(ready.idleRssMb, 1)} MB`);
  return lines.join('\n');
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    log('dist/ is missing: run `npm run build` first.');
    process.exit(2);
  }
  mkdirSync(WORK, { recursive: true });
  const started = performance.now();
  // Other work on the machine skews every number; the table says how busy it was.
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const results = [];
  const ready = {};
  const runCalc = !options.only || options.only === 'calculator';
  const runSearch = !options.only || options.only === 'search';

  let corpusConfig = QUICKSTART;
  if (runSearch) {
    log(`preparing a ${options.docs}-document corpus`);
    const project = await ensureCorpusProject(WORK, options.docs);
    corpusConfig = project.configPath;
    if (project.generatedMs !== undefined) log(`  generated in ${fmt(project.generatedMs)} ms`);
  }
  // The OAuth row signs in as a local user kept in its own SQLite file.
  const oauthStorage = `sqlite:${join(WORK, 'oauth-state.db')}`;
  if (runCalc) addBenchUser(ROOT, oauthStorage);
  const ctx = { corpusConfig, oauthStorage };

  if (runCalc) {
    log('ready time: quickstart');
    try {
      const q = await measureReady('ours-quickstart', ctx, options.readySamples);
      // Idle: after start-up work settles (the calculator loads mathjs in the background).
      await new Promise((r) => setTimeout(r, 1500));
      ready.quickstart = q;
      ready.idleRssMb = q.child.rssMb();
      await q.child.stop();
    } catch (err) {
      ready.error = firstLine(err);
      log(`  quickstart did not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    log('calculator');
    await runScenario('calculator', ctx, results);
  }
  if (runSearch) {
    log(`ready time: ${options.docs} docs (first start may build the index)`);
    ready.indexCachedBefore = existsSync(join(dirname(corpusConfig), '.mcp-devmode'));
    try {
      const cold = await measureReady('ours-corpus', ctx, 1);
      ready.corpusCold = cold;
      await cold.child.stop();
      const warm = await measureReady('ours-corpus', ctx, options.readySamples);
      ready.corpusCached = warm;
      ready.corpusIdleRssMb = warm.child.rssMb();
      await warm.child.stop();
    } catch (err) {
      ready.corpusError = firstLine(err);
      log(`  corpus server did not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    log('search');
    await runScenario('search', ctx, results);
    log('search, distinct queries');
    await runScenario('searchUnique', ctx, results);
  }

  const table = printTable(results);
  const extra = [
    '',
    `serve ready (spawn → GET /healthz 200): quickstart ${fmt(ready.quickstart?.readyMs)} ms`
      + (runSearch ? `; ${options.docs} docs first start ${fmt(ready.corpusCold?.readyMs)} ms (${ready.indexCachedBefore ? 'index already cached' : 'builds the index'}), cached ${fmt(ready.corpusCached?.readyMs)} ms` : ''),
    `idle RSS: quickstart ${fmt(ready.idleRssMb, 1)} MB; ${options.docs} docs ${fmt(ready.corpusIdleRssMb, 1)} MB`,
    `node ${process.version}, ${os.cpus().length} CPU(s), load average at start ${loadAtStart} / end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, total ${fmt((performance.now() - started) / 1000)} s`,
    '',
    verdicts(results, ready),
  ].join('\n');
  process.stdout.write(`${table}\n${extra}\n`);
  const jsonPath = argValue('json', join(WORK, 'results.json'));
  writeFileSync(jsonPath, JSON.stringify({ options, results, ready: { ...ready, quickstart: strip(ready.quickstart), corpusCold: strip(ready.corpusCold), corpusCached: strip(ready.corpusCached) } }, null, 2));
  log(`results written to ${jsonPath}`);
}

function firstLine(err) {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  // The child's own last error line says more than our wrapper line.
  const cause = lines.slice(1).reverse().find((l) => /error/i.test(l));
  return (cause ?? lines[0] ?? text).slice(0, 160);
}

function strip(entry) {
  return entry ? { readyMs: entry.readyMs, samples: entry.samples } : undefined;
}

main().catch((err) => {
  log(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
