// Reads one Markdown or plain-text file as a document: YAML front matter, title, id and body.
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RawDocument } from './raw-document.js';
import type { SourceFile } from './source-files.js';
import { CorpusError } from './errors.js';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const FIRST_HEADING = /^#[ \t]+(.+?)[ \t#]*$/m;
// Front-matter keys that become document fields rather than metadata.
const DOCUMENT_KEYS = new Set(['id', 'title', 'url']);

export function parseTextDocument(file: SourceFile, content: string): RawDocument {
  let body = content;
  let front: Record<string, unknown> = {};
  const match = FRONT_MATTER.exec(content);
  if (match) {
    let parsed: unknown;
    try {
      parsed = parseYaml(match[1] ?? '');
    } catch (err) {
      throw new CorpusError('CORPUS_BAD_RECORD', `${file.path}: invalid YAML front matter: ${(err as Error).message}`,
        'Fix the block between the leading `---` lines, or remove it.');
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) front = parsed as Record<string, unknown>;
    body = content.slice(match[0].length);
  }
  const heading = file.format === 'markdown' ? FIRST_HEADING.exec(body)?.[1] : undefined;
  const fallbackTitle = basename(file.path, extname(file.path));
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(front)) {
    if (!DOCUMENT_KEYS.has(key)) metadata[key] = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  return {
    id: scalarString(front.id) ?? file.pathInSource.slice(0, file.pathInSource.length - extname(file.pathInSource).length),
    title: scalarString(front.title) ?? heading ?? fallbackTitle,
    text: body.trim(),
    url: scalarString(front.url),
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    origin: file.path,
  };
}

function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}
