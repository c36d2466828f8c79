// The resources a config declares, built once per runtime: a stable listing (static entries, then
// every document of each corpus resource) paged with opaque cursors, the corpus URI templates, and
// reads (text for text media types, base64 blob otherwise). Era-specific shapes live in
// protocol/methods/resources.ts.
import { readFile } from 'node:fs/promises';
// ResourceTemplateType: the spec shape (the package's ResourceTemplate is its server helper class).
import type { BlobResourceContents, Resource, ResourceTemplateType as ResourceTemplate, TextResourceContents } from '@modelcontextprotocol/server';
import { resolveProjectFile } from '../../config/project-file.js';
import { corpusUriTemplate } from '../../config/resource-prompt-checks.js';
import type { McpConfig, ResourceConfig } from '../../config/types.js';
import type { CorpusProvider } from '../corpus/types.js';
import { cursorCodec } from './cursor.js';
import { isTextMediaType, resourceMediaType } from './media-type.js';

export type ResourceContents = TextResourceContents | BlobResourceContents;

export interface ResourcePage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface ResourceCatalog {
  /** True when the config declares any resource (the capability is advertised only then). */
  readonly declared: boolean;
  /** Throws InvalidCursorError for a cursor this catalog did not issue. */
  list(cursor: unknown): Promise<ResourcePage<Resource>>;
  templates(cursor: unknown): ResourcePage<ResourceTemplate>;
  /** The contents of `uri`, or undefined when no declared resource has that URI. */
  read(uri: string): Promise<ResourceContents[] | undefined>;
}

export interface CatalogOptions {
  /** Items per list page (default 100). */
  readonly pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 100;

/** A corpus resource's URI template split around its `{id}`. */
interface CorpusEntry {
  readonly config: ResourceConfig;
  readonly corpus: string;
  readonly template: string;
  readonly prefix: string;
  readonly suffix: string;
}

function displayFields(resource: ResourceConfig): Pick<Resource, 'title' | 'description'> {
  return {
    ...(resource.title !== undefined ? { title: resource.title } : {}),
    ...(resource.description !== undefined ? { description: resource.description } : {}),
  };
}

export function createResourceCatalog(config: McpConfig, corpora: CorpusProvider, options: CatalogOptions = {}): ResourceCatalog {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const statics = config.resources.filter((r) => r.corpus === undefined);
  const byUri = new Map(statics.map((r) => [r.uri as string, r]));
  const staticList: Resource[] = statics.map((r) => ({ uri: r.uri as string, name: r.name, ...displayFields(r), mimeType: resourceMediaType(r) }));
  const corpusEntries: CorpusEntry[] = config.resources
    .filter((r) => r.corpus !== undefined)
    .map((r) => {
      const template = corpusUriTemplate(r);
      const [prefix = '', suffix = ''] = template.split('{id}');
      return { config: r, corpus: r.corpus as string, template, prefix, suffix };
    });
  const templateList: ResourceTemplate[] = corpusEntries.map((e) => ({
    uriTemplate: e.template,
    name: e.config.name,
    ...displayFields(e.config),
    mimeType: e.config.mimeType ?? 'text/plain',
  }));
  const listCursors = cursorCodec(`resources/list\n${config.sourcePath}\n${JSON.stringify(config.resources)}`);
  const templateCursors = cursorCodec(`resources/templates/list\n${config.sourcePath}\n${JSON.stringify(config.resources)}`);

  const documentUri = (entry: CorpusEntry, id: string): string => `${entry.prefix}${encodeURIComponent(id)}${entry.suffix}`;

  return {
    declared: config.resources.length > 0,

    async list(cursor) {
      const sizes = await Promise.all(corpusEntries.map(async (e) => (await corpora.get(e.corpus)).size));
      const total = staticList.length + sizes.reduce((a, b) => a + b, 0);
      const start = cursor === undefined ? 0 : listCursors.decode(cursor, total);
      const end = Math.min(total, start + pageSize);
      const items: Resource[] = staticList.slice(start, end);
      let offset = staticList.length;
      for (const [i, entry] of corpusEntries.entries()) {
        const size = sizes[i] ?? 0;
        const from = Math.max(start, offset);
        const to = Math.min(end, offset + size);
        if (from < to) {
          const corpus = await corpora.get(entry.corpus);
          for (const doc of corpus.list(from - offset, to - from)) {
            items.push({ uri: documentUri(entry, doc.id), name: doc.id, title: doc.title, ...(entry.config.description ? { description: entry.config.description } : {}), mimeType: entry.config.mimeType ?? 'text/plain' });
          }
        }
        offset += size;
      }
      return end < total ? { items, nextCursor: listCursors.encode(end) } : { items };
    },

    templates(cursor) {
      const start = cursor === undefined ? 0 : templateCursors.decode(cursor, templateList.length);
      const end = Math.min(templateList.length, start + pageSize);
      const items = templateList.slice(start, end);
      return end < templateList.length ? { items, nextCursor: templateCursors.encode(end) } : { items };
    },

    async read(uri) {
      const single = byUri.get(uri);
      if (single) return [await readStatic(config, single)];
      for (const entry of corpusEntries) {
        const id = idFromUri(entry, uri);
        if (id === undefined) continue;
        const doc = (await corpora.get(entry.corpus)).get(id);
        if (doc) return [{ uri, mimeType: entry.config.mimeType ?? 'text/plain', text: doc.text }];
      }
      return undefined;
    },
  };
}

function idFromUri(entry: CorpusEntry, uri: string): string | undefined {
  if (!uri.startsWith(entry.prefix) || !uri.endsWith(entry.suffix) || uri.length <= entry.prefix.length + entry.suffix.length) return undefined;
  try {
    return decodeURIComponent(uri.slice(entry.prefix.length, uri.length - entry.suffix.length));
  } catch {
    return undefined;
  }
}

async function readStatic(config: McpConfig, resource: ResourceConfig): Promise<ResourceContents> {
  const uri = resource.uri as string;
  const mimeType = resourceMediaType(resource);
  if (resource.text !== undefined) return { uri, mimeType, text: resource.text };
  // Checked again at read time: a symlink may have been pointed elsewhere since validation.
  const checked = resolveProjectFile(config.baseDir, resource.file as string);
  if (!checked.ok) throw new Error(`resource ${uri}: ${checked.message}`);
  const bytes = await readFile(checked.path);
  return isTextMediaType(mimeType) ? { uri, mimeType, text: bytes.toString('utf8') } : { uri, mimeType, blob: bytes.toString('base64') };
}
