// `dev`: serve a config and keep it current. Every change to mcp.yaml, .env or the corpus files
// re-validates; a valid config is swapped into the running server (same process, same port) and
// the tool changes are reported; an invalid one is reported with its location while the last good
// config keeps serving.
import type { McpConfig } from '../config/types.js';
import type { AuthLayer } from '../runtime/auth/layer.js';
import type { RuntimeCorpusProvider } from '../runtime/corpus/provider.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { McpHttpServer } from '../runtime/server.js';
import type { ToolKind } from '../runtime/tools/types.js';
import { settingsNeedingRestart } from './restart-needed.js';
import { diffTools, toolListChanged, type ToolDiff } from './tool-diff.js';
import { initialTargets, watchTargets } from './watch-targets.js';
import { watchPaths, type Watcher } from './watcher.js';

/** What dev prints through (the CLI passes its shared output). */
export interface DevOutput {
  readonly color: { bold(s: string): string; green(s: string): string; red(s: string): string; yellow(s: string): string; cyan(s: string): string; dim(s: string): string };
  info(text: string): void;
  debug(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  progress(label: string): { update(done: number, total?: number): void; finish(message: string): void };
}

export interface DevOptions {
  readonly file: string;
  readonly port?: number;
  readonly host?: string;
  readonly out: DevOutput;
  readonly logger: Logger;
  /** Quiet period after the last change before reloading (default 200 ms). */
  readonly debounceMs?: number;
  /** The OAuth layer for a config with auth.mode oauth (built once, at the first good config). */
  readonly createAuth?: (config: McpConfig) => Promise<AuthLayer | undefined>;
  /** Tool kinds to accept (default: the registry). */
  readonly kinds?: readonly ToolKind[];
}

export type ReloadOutcome =
  | { readonly kind: 'started'; readonly url: string; readonly tools: readonly string[] }
  | { readonly kind: 'reloaded'; readonly diff: ToolDiff; readonly restartNeeded: readonly string[] }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface DevSession {
  /** How the first load went ('failed' = could not start: the CLI exits). */
  readonly initial: ReloadOutcome;
  /** The MCP endpoint once a valid config is served. */
  url(): string | undefined;
  /** The config currently served. */
  config(): McpConfig | undefined;
  /** Re-reads now (what a file change triggers); concurrent calls queue behind each other. */
  reload(): Promise<ReloadOutcome>;
  /** Called after each reload that a file change triggered; returns the unsubscribe function. */
  onReload(listener: (outcome: ReloadOutcome) => void): () => void;
  close(): Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 200;
/** Corpora with at least this many documents show indexing progress. */
export const LARGE_CORPUS = 1000;

/** Starts watching and serving; resolves after the first load attempt (served or reported). */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const { out, logger } = options;
  const [{ loadConfigWithWarnings, isConfigError, formatConfigError, formatIssue }, { createRuntime }, { startServer }, { createCorpusProvider }] = await Promise.all([
    import('../config/index.js'),
    import('../runtime/runtime.js'),
    import('../runtime/server.js'),
    import('../runtime/corpus/provider.js'),
  ]);
  const color = out.color.bold('x') !== 'x';
  let server: McpHttpServer | undefined;
  let auth: AuthLayer | undefined;
  let served: McpConfig | undefined;
  /** The corpus indexes of the runtime being served (closed once a newer runtime replaces it). */
  let servedCorpora: RuntimeCorpusProvider | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(outcome: ReloadOutcome) => void>();

  const buildRuntime = async (config: McpConfig): Promise<{ runtime: Runtime; corpora: RuntimeCorpusProvider | undefined }> => {
    const bars = new Map<string, ReturnType<DevOutput['progress']>>();
    const onProgress = (done: number, total: number, corpus: string): void => {
      // Small corpora index in a blink: a progress line would only flicker.
      if (total < LARGE_CORPUS) return;
      let bar = bars.get(corpus);
      if (!bar) bars.set(corpus, (bar = out.progress(`Indexing ${corpus}`)));
      bar.update(done, total);
      if (done >= total) bar.finish(`Indexed ${corpus}: ${total} documents`);
    };
    const names = Object.keys(config.corpora);
    // A fresh provider per config: it re-reads the sources (unchanged ones load from the index cache).
    const corpora = names.length > 0 ? createCorpusProvider(config, { logger, onProgress }) : undefined;
    try {
      // listTtlMs 0: clients of the 2026-07-28 era must not cache a list that may change any second.
      const runtime = await createRuntime(config, { logger, listTtlMs: 0, ...(options.kinds ? { kinds: options.kinds } : {}), ...(corpora ? { corpora } : {}), ...(auth?.toolChallenge ? { authChallenge: auth.toolChallenge } : {}) });
      // Build indexes now, not on the first search, so their progress shows and errors surface here.
      try {
        if (corpora) await Promise.all(names.map((name) => corpora.get(name)));
      } catch (err) {
        await runtime.close();
        throw err;
      }
      return { runtime, corpora };
    } catch (err) {
      await corpora?.close();
      throw err;
    }
  };

  const attempt = async (): Promise<ReloadOutcome> => {
    let config: McpConfig;
    try {
      const loaded = await loadConfigWithWarnings(options.file, options.kinds ? { kinds: options.kinds } : {});
      for (const warning of loaded.warnings) out.warn(formatIssue(warning, { color }));
      config = loaded.config;
    } catch (err) {
      const message = isConfigError(err) ? formatConfigError(err, { color }) : `error: ${(err as Error).message}`;
      out.error(message);
      if (served) out.error(out.color.yellow(`Still serving the last good config (${served.tools.length} tool${served.tools.length === 1 ? '' : 's'}). Fix the file and save: it reloads by itself.`));
      else out.error(out.color.yellow('Waiting for a valid config: fix the file and save.'));
      return { kind: 'invalid', message };
    }

    if (!server) {
      try {
        auth = await options.createAuth?.(config);
        const built = await buildRuntime(config);
        try {
          server = await startServer({ runtime: built.runtime, logger, auth, ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host !== undefined ? { host: options.host } : {}) });
        } catch (err) {
          await built.runtime.close();
          await built.corpora?.close();
          throw err;
        }
        servedCorpora = built.corpora;
      } catch (err) {
        await auth?.close?.();
        auth = undefined;
        return failed(err, 'could not start');
      }
      served = config;
      watcher.setPaths(watchTargets(config).paths);
      out.info(startBanner(config, server.url, out));
      return { kind: 'started', url: server.url, tools: config.tools.map((t) => t.name) };
    }

    let built: Awaited<ReturnType<typeof buildRuntime>>;
    try {
      built = await buildRuntime(config);
    } catch (err) {
      return failed(err, 'could not build the tools');
    }
    const { runtime } = built;
    const before = server.runtime().listTools();
    const restartNeeded = settingsNeedingRestart(served as McpConfig, config);
    // setRuntime resolves once the old runtime finished its in-flight calls; then its indexes can go.
    await server.setRuntime(runtime);
    await servedCorpora?.close();
    servedCorpora = built.corpora;
    served = config;
    watcher.setPaths(watchTargets(config).paths);
    const diff = diffTools(before, runtime.listTools());
    reportReload(out, diff, restartNeeded);
    return { kind: 'reloaded', diff, restartNeeded };
  };

  const failed = (err: unknown, what: string): ReloadOutcome => {
    const message = `error: ${what}: ${(err as Error).message}`;
    out.error(message);
    if (served) out.error(out.color.yellow('Still serving the last good config.'));
    return { kind: 'failed', message };
  };

  const reload = (): Promise<ReloadOutcome> => {
    const run = queue.then(attempt, attempt);
    queue = run.catch(() => undefined);
    return run;
  };

  const watcher: Watcher = watchPaths(initialTargets(options.file).paths, {
    debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS,
    onChange: (paths) => {
      out.debug(`changed: ${paths.join(', ')}`);
      void reload().then((outcome) => listeners.forEach((l) => l(outcome)));
    },
    onError: (err) => out.warn(`file watcher: ${err.message}`),
  });
  await watcher.ready;
  const initial = await reload();

  return {
    initial,
    url: () => server?.url,
    config: () => served,
    reload,
    onReload(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      await watcher.close();
      await queue;
      await server?.close();
      await servedCorpora?.close();
      if (!server) await auth?.close?.();
    },
  };
}

function startBanner(config: McpConfig, url: string, out: DevOutput): string {
  const c = out.color;
  return [
    `${c.green('✓')} ${c.bold(config.title ?? config.name)} ${config.version} — dev server`,
    `  MCP endpoint: ${url}`,
    `  Tools (${config.tools.length}): ${config.tools.map((t) => t.name).join(', ') || 'none'}`,
    `  Auth: ${config.auth.mode}`,
    `  Watching ${config.sourcePath.replace(`${config.baseDir}/`, '')}, .env${Object.keys(config.corpora).length ? ' and the corpus files' : ''}: save to reload.`,
  ].join('\n');
}

function reportReload(out: DevOutput, diff: ToolDiff, restartNeeded: readonly string[]): void {
  const c = out.color;
  const parts = [
    ...diff.added.map((n) => c.green(`+ ${n}`)),
    ...diff.changed.map((n) => c.yellow(`~ ${n}`)),
    ...diff.removed.map((n) => c.red(`- ${n}`)),
  ];
  const when = new Date().toTimeString().slice(0, 8);
  out.info(`${c.dim(when)} ${c.green('✓')} reloaded${parts.length ? `: ${parts.join('  ')}` : ' (tools unchanged)'}`);
  if (toolListChanged(diff)) {
    out.info(`  The tool list changed: in ChatGPT open Settings → Apps, pick this app and press ${c.bold('Refresh')} so it sees the new list.`);
  }
  if (restartNeeded.length) out.warn(`${restartNeeded.join(', ')} changed: restart \`mcp-devmode dev\` for that to take effect (the rest is live).`);
}
