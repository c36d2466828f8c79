// The corpus indexes dev hands each runtime it builds, with progress for large corpora.
import type { McpConfig } from '../config/types.js';
import type { CorpusProvider } from '../runtime/corpus/types.js';
import type { IndexProgress } from './session.js';

/** Placeholder until src/runtime/corpus exposes its provider factory; configs without corpora need none. */
export function devCorpora(config: McpConfig, _onProgress: (progress: IndexProgress) => void): CorpusProvider | undefined {
  if (Object.keys(config.corpora).length === 0) return undefined;
  return undefined;
}
