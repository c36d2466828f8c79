// Compares generated files with what is on disk: create, unchanged, or differs (with a diff); then writes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { GeneratedFile } from './types.js';

export type FileStatus = 'create' | 'unchanged' | 'differs';

export interface PlannedFile extends GeneratedFile {
  readonly status: FileStatus;
  /** Unified diff from the file on disk to the generated content, when it differs. */
  readonly diff?: string;
}

export async function planFiles(dir: string, files: readonly GeneratedFile[]): Promise<PlannedFile[]> {
  return Promise.all(
    files.map(async (file): Promise<PlannedFile> => {
      const current = await readFile(join(dir, file.path), 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (current === undefined) return { ...file, status: 'create' };
      if (current === file.content) return { ...file, status: 'unchanged' };
      const diff = createTwoFilesPatch(`${file.path} (on disk)`, `${file.path} (generated)`, current, file.content, undefined, undefined, {
        context: 2,
      });
      return { ...file, status: 'differs', diff };
    }),
  );
}

/** Files that would be overwritten although they differ: deploy refuses unless --force. */
export function conflicts(plan: readonly PlannedFile[]): PlannedFile[] {
  return plan.filter((file) => file.status === 'differs');
}

/** Writes new and (when forced) differing files; unchanged files are not touched. Returns written paths. */
export async function writePlannedFiles(dir: string, plan: readonly PlannedFile[], force: boolean): Promise<string[]> {
  const toWrite = plan.filter((file) => file.status === 'create' || (file.status === 'differs' && force));
  for (const file of toWrite) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
  return toWrite.map((file) => file.path);
}
