// Media types of resources: a guess from the file extension, and whether a type is read as text.
import { extname } from 'node:path';
import type { ResourceConfig } from '../../config/types.js';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.md': 'text/markdown', '.markdown': 'text/markdown', '.txt': 'text/plain', '.csv': 'text/csv',
  '.html': 'text/html', '.htm': 'text/html', '.css': 'text/css', '.xml': 'application/xml',
  '.json': 'application/json', '.jsonl': 'application/jsonl', '.yaml': 'application/yaml', '.yml': 'application/yaml',
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.ts': 'text/x-typescript', '.py': 'text/x-python',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.pdf': 'application/pdf', '.zip': 'application/zip',
  '.mp3': 'audio/mpeg', '.wav': 'audio/wav',
};

export function mediaTypeForFile(file: string): string {
  return BY_EXTENSION[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const TEXT_APPLICATION = new Set(['application/json', 'application/jsonl', 'application/xml', 'application/yaml', 'application/javascript', 'application/x-yaml', 'application/toml']);

/** Text types are served as `text`; everything else as a base64 `blob`. */
export function isTextMediaType(mediaType: string): boolean {
  const type = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  return type.startsWith('text/') || TEXT_APPLICATION.has(type) || type.endsWith('+json') || type.endsWith('+xml') || type.endsWith('+yaml');
}

/** What a single (file or text) resource is served as: its mimeType, else a guess from the file, else text/plain. */
export function resourceMediaType(resource: ResourceConfig): string {
  return resource.mimeType ?? (resource.file !== undefined ? mediaTypeForFile(resource.file) : 'text/plain');
}
