// Shared shapes for the deploy generators: the facts derived from a config, generated files, problems.

/** Where the server keeps its persistent state on the platform. */
export type StateFacts =
  | { readonly kind: 'none' }
  /** SQLite on a volume/disk mounted at `mountDir` (absolute path inside the image): one machine only. */
  | { readonly kind: 'sqlite'; readonly mountDir: string }
  /** Postgres through DATABASE_URL: any number of machines. */
  | { readonly kind: 'postgres' };

/** How the image gets mcp-devmode and the project's runtime dependencies. */
export type InstallFacts =
  /** The project has package.json + package-lock.json depending on mcp-devmode: `npm ci --omit=dev`. */
  | { readonly kind: 'lockfile' }
  /** No package.json: install mcp-devmode@version globally in the build stage. */
  | { readonly kind: 'global'; readonly version: string };

/** Everything the generators need, derived once from the config and the project folder. */
export interface DeployFacts {
  /** Lowercase, dash-separated service/app name (from config.name unless given). */
  readonly appName: string;
  readonly port: number;
  /** MCP endpoint path, e.g. `/mcp`. */
  readonly mcpPath: string;
  /** The config file's name relative to the project folder (POSIX), e.g. `mcp.yaml`. */
  readonly configFile: string;
  readonly install: InstallFacts;
  /** Files and folders the config references, relative POSIX paths, copied into the image. */
  readonly copyPaths: readonly string[];
  readonly state: StateFacts;
  /** Folders inside the image the server may write to (owned by the non-root user). */
  readonly writableDirs: readonly string[];
  /** Local state paths (relative POSIX) kept out of the image, e.g. `.mcp-devmode`. */
  readonly localStatePaths: readonly string[];
  /** OAuth with `users: local`: people sign in with accounts created by `mcp-devmode users add`. */
  readonly localUsers: boolean;
  /** Every `${VAR}` the config references. */
  readonly envVars: readonly string[];
  /** Names of the `${VAR}`s the platform must provide as secrets (never their values). */
  readonly secrets: readonly string[];
}

/** One file a generator produces, relative to the project folder. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** A problem that stops deploy, as a value: code, message for humans, and what to do. */
export interface DeployProblem {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

export class DeployError extends Error {
  constructor(readonly problem: DeployProblem) {
    super(problem.message);
    this.name = 'DeployError';
  }
}
