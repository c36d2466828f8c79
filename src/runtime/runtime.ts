// A built server runtime: every configured tool created once, the tools/list payloads precomputed,
// and tools/call with argument validation, per-tool auth and error containment. Swappable: the
// server holds one at a time and `dev` replaces it on config change (server.setRuntime).
import type { McpConfig, ToolConfigBase } from '../config/types.js';
import type { CorpusProvider } from './corpus/types.js';
import type { Logger } from './logger.js';
import { INVALID_PARAMS, ProtocolError } from './protocol/errors.js';
import { serverInfoFor } from './protocol/server-identity.js';
import { headerParamsOf, type HeaderParam } from './protocol/headers.js';
import { SERVER_INFO_META_KEY } from './protocol/result.js';
import { SUPPORTED_VERSIONS, isModernVersion } from './protocol/versions.js';
import { createPromptCatalog, type PromptCatalog } from './prompts/catalog.js';
import { createResourceCatalog, type ResourceCatalog } from './resources/catalog.js';
import type { ArgumentValidator } from './tools/arguments.js';
import type { AuthInfo, CallContext, CallToolResult, RuntimeTool, Tool, ToolKind } from './tools/types.js';

/** Builds the `WWW-Authenticate` challenge a tool answers with when the caller lacks auth or scopes. */
export type ToolAuthChallenge = (tool: Tool, missingScopes: readonly string[], auth: AuthInfo | undefined) => string;

export interface RuntimeOptions {
  readonly logger: Logger;
  /** Shared document indexes for search/fetch; required when a tool uses a corpus. */
  readonly corpora?: CorpusProvider;
  /** The OAuth layer's challenge text (OpenAI's per-tool auth); a generic Bearer challenge otherwise. */
  readonly authChallenge?: ToolAuthChallenge;
  /** Freshness hint for 2026-07-28 list results and server/discover (`dev` uses 0). Default 5 min. */
  readonly listTtlMs?: number;
  /** Tool kinds to build from (default: the registry). */
  readonly kinds?: readonly ToolKind[];
}

export interface Runtime {
  readonly config: McpConfig;
  /** ttlMs on cacheable 2026-07-28 results. */
  readonly listTtlMs: number;
  /** Tool definitions in config order. */
  listTools(): readonly Tool[];
  /** The serialised tools/list result for a protocol version (computed once at build). */
  toolsListJson(version: string): string;
  /** `x-mcp-header` parameters of a tool (2026-07-28 Mcp-Param-* checks); empty for most tools. */
  headerParams(name: string): readonly HeaderParam[];
  /** Runs a tool. Unknown tool → ProtocolError -32602; every other failure is an isError result. */
  callTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult>;
  /** Declared resources (resources/*; protocol/methods/resources.ts). */
  readonly resources: ResourceCatalog;
  /** Declared prompts (prompts/*; protocol/methods/prompts.ts). */
  readonly prompts: PromptCatalog;
  /**
   * Compiles every tool's argument validator. Servers call it as soon as they listen, so start-up
   * (ready to answer) does not wait for it and the first tools/call does not pay for it either.
   * Never rejects: a validator that cannot compile is logged, and that tool's calls say why.
   */
  warmUp(): Promise<void>;
  /** Releases tool resources (upstream agents, caches). */
  close(): Promise<void>;
}

interface BuiltTool {
  readonly config: ToolConfigBase;
  readonly tool: RuntimeTool;
  /** Compiled once, by warmUp() right after the server listens, or by the first call if sooner. */
  validate?: ArgumentValidator;
  readonly headerParams: readonly HeaderParam[];
}

/**
 * Loading ajv's compiler and compiling the input schemas takes ~65 ms (quickstart), a sixth of what
 * `serve` needs to be ready, so it runs once the server listens (Runtime.warmUp), not before. The
 * config checks have already compiled every user-written schema, so a schema that cannot compile
 * does not get this far through loadConfig.
 */
let argumentsModule: Promise<typeof import('./tools/arguments.js')> | undefined;

/** The tool's validator (compiled on first need), or why it has none (logged). */
async function argumentValidator(entry: BuiltTool, logger: Logger): Promise<ArgumentValidator | Error> {
  if (entry.validate) return entry.validate;
  try {
    argumentsModule ??= import('./tools/arguments.js');
    const { compileArgumentValidator } = await argumentsModule;
    entry.validate ??= compileArgumentValidator(entry.config.name, entry.config.inputSchema);
    return entry.validate;
  } catch (err) {
    logger.error({ tool: entry.config.name, err }, 'tool input schema cannot be compiled');
    return err instanceof Error ? err : new Error(String(err));
  }
}

const DEFAULT_LIST_TTL_MS = 300_000;

function missingCorpora(): CorpusProvider {
  return {
    get: (name) => Promise.reject(new Error(`corpus "${name}" is not available: the runtime was created without a corpus provider`)),
  };
}

/** An isError tool result with one text block. */
export function toolError(text: string, meta?: Record<string, unknown>): CallToolResult {
  const result: CallToolResult = { content: [{ type: 'text', text }], isError: true };
  return meta ? { ...result, _meta: meta } : result;
}

/** OpenAI's per-tool auth declaration (ChatGPT's "mixed" mode): which tools need a token, with which scopes. */
export type SecurityScheme = { readonly type: 'noauth' } | { readonly type: 'oauth2'; readonly scopes: readonly string[] };

/**
 * With OAuth on, every tool declares `securitySchemes`, as a top-level field (OpenAI's own) and mirrored
 * in `_meta.securitySchemes` (for clients and SDKs that drop unknown fields). The official Tool schemas
 * of every served version allow additional properties, so the top-level field stays schema-valid.
 */
function withSecuritySchemes(tool: Tool, config: ToolConfigBase, authOn: boolean): Tool {
  if (!authOn) return tool;
  const securitySchemes: SecurityScheme[] = config.auth === 'none' ? [{ type: 'noauth' }] : [{ type: 'oauth2', scopes: [...config.scopes] }];
  return { ...tool, securitySchemes, _meta: { ...tool._meta, securitySchemes } } as Tool;
}

/** The tools/list definition as each protocol version can carry it. */
function definitionFor(tool: Tool, version: string): Tool {
  if (version !== '2025-03-26') return tool;
  // 2025-03-26 predates title, outputSchema, icons and _meta on tools (top-level securitySchemes stays:
  // it is not a spec field of any version, and it is the only way that era sees per-tool auth).
  const { title: _t, outputSchema: _o, icons: _i, _meta: _m, execution: _e, ...rest } = tool as Tool & { execution?: unknown };
  return rest as Tool;
}

function defaultChallenge(config: McpConfig): ToolAuthChallenge {
  const resourceMetadata = config.server.publicUrl
    ? `resource_metadata="${config.server.publicUrl.replace(/\/$/, '')}/.well-known/oauth-protected-resource${config.server.path === '/' ? '' : config.server.path}", `
    : '';
  return (tool, missing) => {
    const scope = missing.length > 0 ? `scope="${missing.join(' ')}", ` : '';
    return `Bearer ${resourceMetadata}${scope}error="insufficient_scope", error_description="Sign in to use ${tool.name}"`;
  };
}

export async function createRuntime(config: McpConfig, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const buildCtx = { config, logger, corpora: options.corpora ?? missingCorpora() };
  const kinds = options.kinds ?? (await import('./tools/registry.js')).toolKinds;
  const built: BuiltTool[] = [];
  try {
    for (const toolConfig of config.tools) {
      const kind = kinds.find((k) => k.kind === toolConfig.kind);
      if (!kind) throw new Error(`tool "${toolConfig.name}": unknown kind "${toolConfig.kind}"`);
      const tool = await kind.create(toolConfig, buildCtx);
      built.push({ config: toolConfig, tool, headerParams: headerParamsOf(tool.definition.inputSchema) });
    }
  } catch (err) {
    await Promise.allSettled(built.map((b) => b.tool.close?.()));
    throw err;
  }

  const byName = new Map(built.map((b) => [b.config.name, b]));
  const authRequired = config.auth.mode === 'oauth';
  const definitions = built.map((b) => withSecuritySchemes(b.tool.definition, b.config, authRequired));
  const listTtlMs = options.listTtlMs ?? DEFAULT_LIST_TTL_MS;
  const challenge = options.authChallenge ?? defaultChallenge(config);
  const resources = createResourceCatalog(config, buildCtx.corpora);
  const prompts = createPromptCatalog(config, resources);

  const runtime: Runtime = {
    config,
    listTtlMs,
    listTools: () => definitions,
    resources,
    prompts,
    headerParams: (name) => byName.get(name)?.headerParams ?? [],
    toolsListJson: (version) => listJson.get(version) ?? listJson.get(SUPPORTED_VERSIONS[0] as string)!,
    async callTool(name, args, ctx) {
      const entry = byName.get(name);
      if (!entry) throw new ProtocolError(INVALID_PARAMS, `Unknown tool: ${name}`);
      if (authRequired && entry.config.auth === 'required') {
        const missing = entry.config.scopes.filter((s) => !(ctx.auth?.scopes ?? []).includes(s));
        if (!ctx.auth || missing.length > 0) {
          const reason = ctx.auth ? `needs the scope${missing.length === 1 ? '' : 's'} ${missing.join(', ')}` : 'requires signing in';
          return toolError(`Tool "${name}" ${reason}.`, { 'mcp/www_authenticate': [challenge(entry.tool.definition, missing, ctx.auth)] });
        }
      }
      const validate = entry.validate ?? (await argumentValidator(entry, ctx.logger));
      if (validate instanceof Error) return toolError(validate.message);
      const checked = validate(args);
      if (!checked.ok) return toolError(`Invalid arguments for tool "${name}": ${checked.message}`);
      try {
        return await entry.tool.call(checked.value, ctx);
      } catch (err) {
        // Tool failures are results the model can read, never JSON-RPC errors.
        ctx.logger.warn({ tool: name, err }, 'tool call failed');
        const message = err instanceof Error ? err.message : String(err);
        return toolError(`Tool "${name}" failed: ${message}`);
      }
    },
    async warmUp() {
      for (const entry of built) await argumentValidator(entry, logger);
    },
    async close() {
      await Promise.allSettled(built.map((b) => b.tool.close?.()));
    },
  };

  // Serialised once per version: the hot path splices these into the response.
  const listJson = new Map<string, string>();
  for (const version of SUPPORTED_VERSIONS) {
    const tools = definitions.map((d) => definitionFor(d, version));
    const result: Record<string, unknown> = isModernVersion(version)
      ? { tools, resultType: 'complete', ttlMs: listTtlMs, cacheScope: 'public', _meta: { [SERVER_INFO_META_KEY]: serverInfoFor(runtime, version) } }
      : { tools };
    listJson.set(version, JSON.stringify(result));
  }
  return runtime;
}
