// The runtime's shared CorpusProvider: each corpus is built (or loaded from cache) once, on first use.
import type { McpConfig } from '../../config/types.js';
import type { Logger } from '../logger.js';
import { CorpusError } from './errors.js';
import { loadCorpus } from './load-corpus.js';
import type { Corpus, CorpusProgress, CorpusProvider } from './types.js';

export interface CorpusProviderOptions {
  readonly logger: Logger;
  readonly onProgress?: CorpusProgress;
  /** Default true: keep built indexes under <baseDir>/.mcp-devmode/index/. */
  readonly cache?: boolean;
}

export interface RuntimeCorpusProvider extends CorpusProvider {
  /** Starts building every declared corpus (or the named ones) without waiting; errors surface on get(). */
  preload(names?: readonly string[]): void;
  /** Closes the corpora built so far. */
  close(): Promise<void>;
}

export function createCorpusProvider(config: McpConfig, options: CorpusProviderOptions): RuntimeCorpusProvider {
  const building = new Map<string, Promise<Corpus>>();

  function get(name: string): Promise<Corpus> {
    let pending = building.get(name);
    if (!pending) {
      const corpusConfig = Object.hasOwn(config.corpora, name) ? config.corpora[name] : undefined;
      pending = corpusConfig
        ? loadCorpus(corpusConfig, { baseDir: config.baseDir, publicUrl: config.server.publicUrl, logger: options.logger, onProgress: options.onProgress, cache: options.cache })
        : Promise.reject(new CorpusError('CORPUS_UNKNOWN', `No corpus named "${name}".`,
          `Declare it under corpora: (declared: ${Object.keys(config.corpora).join(', ') || 'none'}).`));
      building.set(name, pending);
    }
    return pending;
  }

  return {
    get,
    preload(names = Object.keys(config.corpora)) {
      // Failures are kept in the promise and reported by the first get(); avoid an unhandled rejection here.
      for (const name of names) get(name).catch(() => undefined);
    },
    async close() {
      const settled = await Promise.allSettled(building.values());
      for (const result of settled) if (result.status === 'fulfilled') result.value.close?.();
      building.clear();
    },
  };
}
