// Reads a template folder into memory: relative POSIX path → text. Dotfiles that npm would drop
// from a published package are stored without the dot and renamed back here.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export type TemplateFiles = ReadonlyMap<string, string>;

/** npm never publishes a `.gitignore`, so templates keep it as `gitignore`. */
const RENAMES: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

export async function readTemplate(dir: string): Promise<TemplateFiles> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(dir, absolute).split(sep).join('/');
    files.set(RENAMES[path] ?? path, await readFile(absolute, 'utf8'));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
