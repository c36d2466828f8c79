// Reads JSON, JSONL and CSV files as records and maps their fields to documents (`fields:` in mcp.yaml).
import { parse as parseCsv } from 'csv-parse/sync';
import type { CorpusSource } from '../../config/types.js';
import type { RawDocument } from './raw-document.js';
import type { SourceFile } from './source-files.js';
import { CorpusError } from './errors.js';

type Fields = NonNullable<CorpusSource['fields']>;
interface LocatedRecord { readonly record: unknown; readonly where: string }

export function parseRecordDocuments(file: SourceFile, content: string, fields: Fields | undefined): RawDocument[] {
  return readRecords(file, content).map(({ record, where }) => recordToDocument(record, where, fields ?? {}));
}

function readRecords(file: SourceFile, content: string): LocatedRecord[] {
  switch (file.format) {
    case 'jsonl':
      return readJsonLines(file, content);
    case 'csv':
      return readCsv(file, content);
    default:
      return readJson(file, content);
  }
}

function readJson(file: SourceFile, content: string): LocatedRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    throw new CorpusError('CORPUS_BAD_RECORD', `${file.path}: invalid JSON: ${(err as Error).message}`, 'Fix the file; it must be an array of records or {"items": [...]}.');
  }
  const items = Array.isArray(value) ? value : (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) {
    throw new CorpusError('CORPUS_BAD_RECORD', `${file.path}: expected an array of records or an object with an "items" array.`,
      'Wrap the records in [ ... ] or {"items": [ ... ]}.');
  }
  return items.map((record, i) => ({ record, where: `${file.path} item ${i}` }));
}

function readJsonLines(file: SourceFile, content: string): LocatedRecord[] {
  const out: LocatedRecord[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      out.push({ record: JSON.parse(line), where: `${file.path}:${i + 1}` });
    } catch (err) {
      throw new CorpusError('CORPUS_BAD_RECORD', `${file.path}:${i + 1}: invalid JSON line: ${(err as Error).message}`, 'Each line must be one JSON object.');
    }
  }
  return out;
}

function readCsv(file: SourceFile, content: string): LocatedRecord[] {
  try {
    const rows = parseCsv(content, { columns: true, bom: true, skip_empty_lines: true, trim: false }) as Record<string, string>[];
    // Row 1 is the header, so data row n sits on line n + 1 when no field spans lines.
    return rows.map((record, i) => ({ record, where: `${file.path} row ${i + 2}` }));
  } catch (err) {
    throw new CorpusError('CORPUS_BAD_RECORD', `${file.path}: invalid CSV: ${(err as Error).message}`, 'The first row must name the columns; quote fields that contain commas or newlines.');
  }
}

function recordToDocument(record: unknown, where: string, fields: Fields): RawDocument {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new CorpusError('CORPUS_BAD_RECORD', `${where}: expected an object record.`, 'Each record must be a JSON object (or a CSV row).');
  }
  const fieldOf = (key: 'id' | 'title' | 'text' | 'url') => fields[key] ?? key;
  const id = asText(pick(record, fieldOf('id')));
  if (id === undefined || id === '') {
    throw new CorpusError('CORPUS_BAD_RECORD', `${where}: record has no "${fieldOf('id')}" value for its id.`,
      'Give every record an id, or map another field with `fields: { id: ... }`.');
  }
  const text = asText(pick(record, fieldOf('text')));
  if (text === undefined) {
    throw new CorpusError('CORPUS_BAD_RECORD', `${where}: record "${id}" has no "${fieldOf('text')}" field for its text.`,
      'Map the field that holds the body with `fields: { text: ... }`.');
  }
  let metadata: Record<string, unknown> | undefined;
  for (const key of fields.metadata ?? []) {
    const value = pick(record, key);
    if (value === undefined || value === '') continue;
    (metadata ??= {})[key] = value;
  }
  return { id, title: asText(pick(record, fieldOf('title'))) || id, text, url: asText(pick(record, fieldOf('url'))) || undefined, metadata, origin: where };
}

/** Reads `a.b.c` paths so nested JSON records can be mapped. */
function pick(record: object, path: string): unknown {
  if (path in record) return (record as Record<string, unknown>)[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
