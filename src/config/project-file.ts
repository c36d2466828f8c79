// Resolves a file named in mcp.yaml and refuses anything outside the project folder (the folder of
// mcp.yaml): absolute paths, `..` escapes and symlinks that lead out. Used by validation and again
// at read time (a symlink can change after validation).
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type ProjectFileResult =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly reason: 'absolute' | 'outside' | 'symlink-outside' | 'missing' | 'not-a-file'; readonly message: string; readonly hint: string };

function inside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `file` (relative to `baseDir`) when it is a regular file inside `baseDir`. */
export function resolveProjectFile(baseDir: string, file: string): ProjectFileResult {
  const hint = 'put the file next to mcp.yaml (or in a subfolder) and name it with a relative path such as ./data/handbook.md';
  if (isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) {
    return { ok: false, reason: 'absolute', message: `"${file}" is an absolute path; only files inside the project folder can be served`, hint };
  }
  const resolved = resolve(baseDir, file);
  if (!inside(baseDir, resolved)) {
    return { ok: false, reason: 'outside', message: `"${file}" points outside the project folder (${baseDir})`, hint };
  }
  let real: string;
  let realBase: string;
  try {
    realBase = realpathSync(baseDir);
    real = realpathSync(resolved);
  } catch {
    return { ok: false, reason: 'missing', message: `file not found: "${file}"`, hint: `paths are relative to the config file's folder (${baseDir})` };
  }
  if (!inside(realBase, real)) {
    return { ok: false, reason: 'symlink-outside', message: `"${file}" is a symbolic link to ${real}, outside the project folder`, hint: 'copy the file into the project folder instead of linking to it' };
  }
  if (!statSync(real).isFile()) {
    return { ok: false, reason: 'not-a-file', message: `"${file}" is not a regular file`, hint: 'name one file (folders and devices cannot be served)' };
  }
  return { ok: true, path: real };
}
