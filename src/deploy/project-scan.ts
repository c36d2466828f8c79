// Reads what deploy needs from the project folder: package.json/lockfile and which referenced paths exist.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpConfig } from '../config/types.js';
import type { ProjectScan } from './facts.js';
import { referencedPaths, toProjectPath } from './referenced-paths.js';
import { DeployError } from './types.js';

const exists = (path: string): Promise<boolean> => access(path).then(
  () => true,
  () => false,
);

export async function scanProject(config: McpConfig, toolVersion: string): Promise<ProjectScan> {
  const dir = config.baseDir;
  const refs = referencedPaths(config);
  const paths: string[] = [];
  for (const raw of refs.required) {
    const path = toProjectPath(raw);
    if (typeof path !== 'string') throw new DeployError(path);
    if (!(await exists(join(dir, path)))) {
      throw new DeployError({
        code: 'DEPLOY_MISSING_SOURCE',
        message: `the config reads "${raw}", which does not exist next to ${config.sourcePath}`,
        fix: 'Create the file or folder, or fix the corpus source path, then run deploy again.',
      });
    }
    paths.push(path);
  }
  for (const raw of refs.candidates) {
    const path = toProjectPath(raw);
    // A file-like value outside the project is not ours to copy (e.g. a URL path); skip it.
    if (typeof path === 'string' && path !== '.' && (await exists(join(dir, path)))) paths.push(path);
  }
  return { packageJson: await readPackageJson(dir), paths, toolVersion };
}

async function readPackageJson(dir: string): Promise<ProjectScan['packageJson']> {
  let text: string;
  try {
    text = await readFile(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  let pkg: { dependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch (err) {
    throw new DeployError({
      code: 'DEPLOY_BAD_PACKAGE_JSON',
      message: `package.json next to the config is not valid JSON (${(err as Error).message})`,
      fix: 'Fix package.json, then run deploy again.',
    });
  }
  return {
    hasLockfile: await exists(join(dir, 'package-lock.json')),
    dependsOnMcpDevmode: typeof pkg.dependencies?.['mcp-devmode'] === 'string',
  };
}
