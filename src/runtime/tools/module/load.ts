// Loads a module tool's file: once per version of the file (the import URL carries its mtime and
// size, so `dev` rebuilding the runtime after an edit gets the new code; an unchanged file is
// served from Node's module cache). `.ts` needs a Node that strips types (22.18+/23.6+).
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveProjectFile } from '../../../config/project-file.js';

/** What a module tool's file exports as default. */
export type ModuleToolFunction = (args: Record<string, unknown>, ctx: unknown) => unknown;

export const MODULE_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'] as const;

/** True when this Node runs TypeScript files natively (type stripping). */
export function canImportTypeScript(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}

/** Why `file` cannot be a module tool (undefined when it can); same answer at validation and load. */
export function moduleFileProblem(baseDir: string, file: string): { message: string; hint: string } | undefined {
  const ext = extname(file).toLowerCase();
  if (!(MODULE_EXTENSIONS as readonly string[]).includes(ext)) {
    return { message: `"${file}" is not a JavaScript module`, hint: 'name a .js or .mjs file (ES module) exporting `default async function (args, ctx)`' };
  }
  if ((ext === '.ts' || ext === '.mts') && !canImportTypeScript()) {
    return {
      message: `"${file}" is TypeScript, which Node ${process.versions.node} cannot load directly`,
      hint: 'compile it to .js (e.g. `npx tsc --outDir tools-dist`) and point file: at the .js, or run on Node 22.18+ (it strips types natively)',
    };
  }
  const checked = resolveProjectFile(baseDir, file);
  return checked.ok ? undefined : { message: checked.message, hint: checked.hint };
}

export async function loadModuleFunction(baseDir: string, file: string): Promise<ModuleToolFunction> {
  const problem = moduleFileProblem(baseDir, file);
  if (problem) throw new Error(`${problem.message} (${problem.hint})`);
  const checked = resolveProjectFile(baseDir, file);
  if (!checked.ok) throw new Error(checked.message);
  const { mtimeMs, size } = statSync(checked.path);
  const url = `${pathToFileURL(checked.path).href}?v=${Math.trunc(mtimeMs)}-${size}`;
  const loaded = (await import(url)) as { default?: unknown };
  if (typeof loaded.default !== 'function') {
    throw new Error(`${file} must \`export default async function (args, ctx)\` (its default export is ${loaded.default === undefined ? 'missing' : typeof loaded.default})`);
  }
  return loaded.default as ModuleToolFunction;
}
