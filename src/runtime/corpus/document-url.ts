// Gives every document an absolute http(s) URL, as ChatGPT's search/fetch contract requires.
import { CorpusError } from './errors.js';
import type { RawDocument } from './raw-document.js';

export interface UrlBases {
  readonly corpusName: string;
  /** `corpora.<name>.baseUrl`. */
  readonly baseUrl?: string;
  /** `server.publicUrl`; documents then live at `<publicUrl>/docs/<id>`. */
  readonly publicUrl?: string;
}

const ABSOLUTE_HTTP = /^https?:\/\//i;

export function resolveDocumentUrl(doc: RawDocument, bases: UrlBases): string {
  const base = bases.baseUrl ?? (bases.publicUrl ? `${bases.publicUrl.replace(/\/+$/, '')}/docs/` : undefined);
  const absolute = doc.url !== undefined && ABSOLUTE_HTTP.test(doc.url);
  if (!absolute && !base) {
    throw new CorpusError('CORPUS_NO_URL',
      `Corpus "${bases.corpusName}": document "${doc.id}" (${doc.origin}) has no absolute URL and none can be derived.`,
      `Set corpora.${bases.corpusName}.baseUrl (e.g. https://docs.example.com/) or server.publicUrl, or give each document an absolute "url".`);
  }
  // A relative url from the record wins over the id; ids keep their slashes but each segment is encoded.
  const relative = doc.url ?? doc.id.split('/').map(encodeURIComponent).join('/');
  let resolved: URL | undefined;
  try {
    resolved = absolute ? new URL(relative) : new URL(relative, base!.endsWith('/') ? base : `${base}/`);
  } catch {
    resolved = undefined;
  }
  // Also refuses schemes smuggled in as "relative" urls (javascript:, file:, data:).
  if (!resolved || (resolved.protocol !== 'https:' && resolved.protocol !== 'http:')) {
    throw new CorpusError('CORPUS_NO_URL',
      `Corpus "${bases.corpusName}": document "${doc.id}" (${doc.origin}) has url "${doc.url ?? relative}", which does not resolve to an http(s) URL.`,
      `Give it an absolute http(s) url, or a path relative to corpora.${bases.corpusName}.baseUrl (which must be http(s)).`);
  }
  return resolved.href;
}
