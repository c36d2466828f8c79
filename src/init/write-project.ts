// Writes a scaffolded project to disk, refusing a non-empty folder or existing files unless forced.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InitProblem } from './problems.js';
import type { ProjectFile } from './scaffold.js';

export interface WriteResult {
  readonly created: readonly string[];
  readonly overwritten: readonly string[];
}

/** What is in the way of writing into `dir`: a problem, or undefined when it is free (or forced). */
export async function checkTarget(dir: string, files: readonly ProjectFile[], force: boolean): Promise<InitProblem | undefined> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) return { code: 'INIT_NOT_A_DIRECTORY', message: `${dir} exists and is not a folder`, hint: 'pick another path' };
    entries = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (force) return undefined;
  const existing = (await Promise.all(files.map(async (f) => ((await exists(join(dir, f.path))) ? f.path : undefined)))).filter((p): p is string => p !== undefined);
  if (existing.length > 0) {
    return { code: 'INIT_FILES_EXIST', message: `${dir} already has ${existing.join(', ')}`, hint: 'pass --force to overwrite them, or init into a new folder' };
  }
  // A folder with only a git repository or editor settings is still a fresh start.
  const meaningful = entries.filter((e) => !['.git', '.DS_Store', '.idea', '.vscode'].includes(e));
  if (meaningful.length > 0) {
    return { code: 'INIT_NOT_EMPTY', message: `${dir} is not empty (${meaningful.slice(0, 5).join(', ')}${meaningful.length > 5 ? ', …' : ''})`, hint: 'pass --force to add the project files anyway, or init into a new folder' };
  }
  return undefined;
}

export async function writeProject(dir: string, files: readonly ProjectFile[]): Promise<WriteResult> {
  const created: string[] = [];
  const overwritten: string[] = [];
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    (await exists(target) ? overwritten : created).push(file.path);
    await writeFile(target, file.contents);
  }
  return { created, overwritten };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
