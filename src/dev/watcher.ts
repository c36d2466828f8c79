// Watches files and folders (chokidar: survives editors' atomic save-by-rename) and reports each
// burst of changes once, after a quiet period.
import { watch, type FSWatcher } from 'chokidar';

export interface Watcher {
  /** Replaces the watched set (after a reload changed the corpus sources). */
  setPaths(paths: readonly string[]): void;
  close(): Promise<void>;
  /** Resolves once the initial scan is done (events before it are not reported). */
  readonly ready: Promise<void>;
}

export interface WatcherOptions {
  /** Quiet period before reporting a burst of changes. */
  readonly debounceMs: number;
  readonly onChange: (paths: readonly string[]) => void;
  readonly onError?: (err: Error) => void;
}

/** Folders that never hold inputs of the config, and churn (dependencies, our state DB). */
const IGNORED = /(^|[/\\])(node_modules|\.git|\.mcp-devmode)([/\\]|$)/;

export function watchPaths(initial: readonly string[], options: WatcherOptions): Watcher {
  let watched = new Set(initial);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const fsWatcher: FSWatcher = watch([...watched], { ignoreInitial: true, ignored: (path) => IGNORED.test(path) });
  const changed = (path: string): void => {
    pending.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const paths = [...pending];
      pending.clear();
      options.onChange(paths);
    }, options.debounceMs);
  };
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) fsWatcher.on(event, changed);
  fsWatcher.on('error', (err) => options.onError?.(err instanceof Error ? err : new Error(String(err))));
  const ready = new Promise<void>((resolve) => fsWatcher.once('ready', () => resolve()));

  return {
    ready,
    setPaths(paths) {
      const next = new Set(paths);
      const removed = [...watched].filter((p) => !next.has(p));
      const added = [...next].filter((p) => !watched.has(p));
      if (removed.length) fsWatcher.unwatch(removed);
      if (added.length) fsWatcher.add(added);
      watched = next;
    },
    async close() {
      if (timer) clearTimeout(timer);
      await fsWatcher.close();
    },
  };
}
