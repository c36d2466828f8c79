// The package's own name and version, read once from package.json at the package root.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Root of the installed package (works from src/ under vitest and from dist/). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let cached: string | undefined;

export function readPackageVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
