// Derives the deploy facts (name, port, files to copy, state, secrets) from a config: pure, no I/O.
import { basename, posix } from 'node:path';
import type { McpConfig } from '../config/types.js';
import { collapsePaths, toProjectPath } from './referenced-paths.js';
import { DeployError, type DeployFacts, type InstallFacts, type StateFacts } from './types.js';

/** Where the project lives inside the image. */
export const APP_DIR = '/app';

/** Variables deploy sets itself (or the platform provides): never asked for as secrets. */
export const MANAGED_ENV = new Set([
  'PORT',
  'HOST',
  'BASE_URL',
  'NODE_ENV',
  'FLY_APP_NAME',
  'RENDER_EXTERNAL_URL',
  'RAILWAY_PUBLIC_DOMAIN',
]);

/** What the caller learnt from the project folder (see project-scan.ts). */
export interface ProjectScan {
  /** package.json beside the config, if any. */
  readonly packageJson?: { readonly hasLockfile: boolean; readonly dependsOnMcpDevmode: boolean };
  /** Paths the config references that exist (relative, already checked on disk). */
  readonly paths: readonly string[];
  /** This tool's version, pinned in the image when the project has no package.json. */
  readonly toolVersion: string;
}

export interface FactsOptions {
  readonly appName?: string;
}

export function deriveFacts(config: McpConfig, scan: ProjectScan, options: FactsOptions = {}): DeployFacts {
  const configFile = basename(config.sourcePath);
  const copyPaths: string[] = [];
  for (const raw of scan.paths) {
    const path = toProjectPath(raw);
    if (typeof path !== 'string') throw new DeployError(path);
    copyPaths.push(path);
  }
  const { state, localStatePaths, writableDirs } = stateFacts(config);
  return {
    appName: options.appName ?? appNameFrom(config.name),
    port: config.server.port,
    mcpPath: config.server.path,
    configFile,
    install: installFacts(scan),
    copyPaths: collapsePaths(copyPaths, [configFile, 'package.json', 'package-lock.json']).filter(
      (p) => !localStatePaths.some((s) => p === s || p.startsWith(`${s}/`)),
    ),
    state,
    writableDirs,
    localStatePaths,
    localUsers: config.auth.mode === 'oauth' && (config.auth.users ?? 'local') === 'local',
    envVars: [...config.envVars],
    secrets: config.envVars.filter((name) => !MANAGED_ENV.has(name)),
  };
}

/** Fly/Render/Railway names: lowercase letters, digits and dashes. */
export function appNameFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '');
  return slug || 'mcp-server';
}

function installFacts(scan: ProjectScan): InstallFacts {
  const pkg = scan.packageJson;
  if (pkg === undefined) return { kind: 'global', version: scan.toolVersion };
  if (!pkg.hasLockfile) {
    throw new DeployError({
      code: 'DEPLOY_NO_LOCKFILE',
      message: 'package.json has no package-lock.json beside it; the image installs with `npm ci`, which needs one',
      fix: 'Run `npm install` next to mcp.yaml to create package-lock.json, commit it, then run deploy again.',
    });
  }
  if (!pkg.dependsOnMcpDevmode) {
    throw new DeployError({
      code: 'DEPLOY_NO_DEPENDENCY',
      message: 'package.json does not list mcp-devmode in "dependencies", so `npm ci --omit=dev` would not install it',
      fix: 'Run `npm install mcp-devmode` next to mcp.yaml (a regular dependency, not a devDependency).',
    });
  }
  return { kind: 'lockfile' };
}

/**
 * SQLite state needs a volume (and so one machine); Postgres allows several. The store only holds
 * data when OAuth is on, so a server without auth keeps no state worth a volume.
 */
function stateFacts(config: McpConfig): { state: StateFacts; localStatePaths: string[]; writableDirs: string[] } {
  const localStatePaths = ['.mcp-devmode'];
  // Caches may land in .mcp-devmode even without a SQLite store; let the server write there.
  const defaultDir = `${APP_DIR}/.mcp-devmode`;
  const storage = config.storage;
  if (/^postgres(ql)?:\/\//i.test(storage)) return { state: { kind: 'postgres' }, localStatePaths, writableDirs: [defaultDir] };
  const file = storage.startsWith('sqlite:') ? storage.slice('sqlite:'.length) : '';
  if (file === '' || file === ':memory:') return { state: { kind: 'none' }, localStatePaths, writableDirs: [defaultDir] };
  if (!posix.isAbsolute(file)) {
    const dir = posix.dirname(posix.normalize(file));
    if (dir !== '.' && !dir.startsWith('..')) localStatePaths.push(dir);
    localStatePaths.push(posix.normalize(file));
  }
  const stateDir = posix.dirname(posix.resolve(APP_DIR, file));
  const writableDirs = [...new Set([defaultDir, ...(stateDir === APP_DIR ? [] : [stateDir])])];
  const unique = [...new Set(localStatePaths)];
  if (config.auth.mode === 'none') return { state: { kind: 'none' }, localStatePaths: unique, writableDirs };
  const mountDir = stateDir;
  if (mountDir === APP_DIR || mountDir === '/' || APP_DIR.startsWith(`${mountDir}/`)) {
    throw new DeployError({
      code: 'DEPLOY_STATE_IN_APP_DIR',
      message: `storage "${storage}" puts the SQLite file directly in the project folder; a volume mounted there would hide the app`,
      fix: 'Keep the state file in a subfolder, e.g. `storage: sqlite:.mcp-devmode/state.db`, or use Postgres (DATABASE_URL).',
    });
  }
  return { state: { kind: 'sqlite', mountDir }, localStatePaths: unique, writableDirs };
}
