// Finds an executable on PATH (first match of several names), like `command -v`, without a shell.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export async function findExecutable(names: readonly string[], pathVar: string | undefined): Promise<string | undefined> {
  const dirs = (pathVar ?? '').split(delimiter).filter(Boolean);
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = join(dir, name + suffix);
        const ok = await access(candidate, constants.X_OK).then(
          () => true,
          () => false,
        );
        if (ok) return candidate;
      }
    }
  }
  return undefined;
}
