// Turns schema-valid config data into the complete McpConfig: defaults filled, input shorthand expanded.
import { dirname } from 'node:path';
import type { ToolKind } from '../runtime/tools/types.js';
import { DEFAULT_SERVER, DEFAULT_STORAGE } from './schema/config-schema.js';
import type { AuthConfig, CorpusConfig, JsonSchema, McpConfig, PromptConfig, ResourceConfig, ServerConfig, ToolAnnotations, ToolConfigBase } from './types.js';

/** Shape of one `input:` shorthand entry (already schema-checked). */
export interface InputParameter {
  readonly type?: string;
  readonly required?: boolean;
  readonly [key: string]: unknown;
}

/** The object schema an `input:` shorthand stands for; `required: true` entries are collected. */
export function inputShorthandToSchema(input: { readonly [name: string]: InputParameter }): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, parameter] of Object.entries(input)) {
    const { required: isRequired, type, ...rest } = parameter;
    properties[name] = { type: type ?? 'string', ...rest };
    if (isRequired) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

const EMPTY_INPUT: JsonSchema = { type: 'object', additionalProperties: false };

interface RawConfig {
  readonly name: string;
  readonly version?: string;
  readonly server?: Partial<ServerConfig>;
  readonly auth?: AuthConfig;
  readonly storage?: string;
  readonly corpora?: Record<string, Record<string, unknown>>;
  readonly tools?: Record<string, unknown>[];
  readonly resources?: Record<string, unknown>[];
  readonly prompts?: Record<string, unknown>[];
  readonly [key: string]: unknown;
}

export interface NormalizeContext {
  readonly kinds: readonly ToolKind[];
  readonly sourcePath: string;
  readonly envVars: readonly string[];
}

export function normalizeConfig(data: unknown, ctx: NormalizeContext): McpConfig {
  const raw = data as RawConfig;
  const auth: AuthConfig = raw.auth ?? { mode: 'none' };
  const server: ServerConfig = { ...DEFAULT_SERVER, ...raw.server };
  // publicUrl is an origin; a trailing slash would double up when paths are appended.
  if (server.publicUrl) Object.assign(server, { publicUrl: server.publicUrl.replace(/\/+$/, '') });

  const corpora: Record<string, CorpusConfig> = {};
  for (const [name, corpus] of Object.entries(raw.corpora ?? {})) corpora[name] = { ...(corpus as unknown as CorpusConfig), name };

  return {
    ...raw,
    name: raw.name,
    version: raw.version ?? '1.0.0',
    server,
    auth,
    storage: raw.storage ?? DEFAULT_STORAGE,
    corpora,
    tools: (raw.tools ?? []).map((tool) => normalizeTool(tool, ctx.kinds, auth.mode === 'oauth')),
    resources: (raw.resources ?? []).map(normalizeResource),
    prompts: (raw.prompts ?? []).map(normalizePrompt),
    sourcePath: ctx.sourcePath,
    baseDir: dirname(ctx.sourcePath),
    envVars: [...ctx.envVars],
  };
}

function normalizeTool(raw: Record<string, unknown>, kinds: readonly ToolKind[], oauth: boolean): ToolConfigBase {
  const { input, inputSchema, annotations, auth, scopes, ...rest } = raw;
  const kind = kinds.find((k) => k.kind === raw.kind);
  return {
    ...(rest as { kind: string; name: string; description: string }),
    annotations: { ...defaultAnnotations(kind, raw), ...(annotations as object | undefined) },
    inputSchema:
      (inputSchema as JsonSchema | undefined) ??
      (input ? inputShorthandToSchema(input as Record<string, InputParameter>) : undefined) ??
      // Copied: the config is frozen deeply and must not freeze the kind module's constant.
      structuredClone(kind?.defaultInputSchema ?? EMPTY_INPUT),
    auth: (auth as 'required' | 'none' | undefined) ?? (oauth ? 'required' : 'none'),
    scopes: (scopes as string[] | undefined) ?? [],
  };
}

/** The kind's defaults (per entry when it has them), else the MCP spec's own defaults. */
function defaultAnnotations(kind: ToolKind | undefined, raw: Record<string, unknown>): ToolAnnotations {
  if (kind?.defaultAnnotationsFor) return kind.defaultAnnotationsFor(raw);
  return kind?.defaultAnnotations ?? { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
}

/** Prompts always carry an arguments list, each with `required` spelled out. */
function normalizePrompt(raw: Record<string, unknown>): PromptConfig {
  const args = (raw.arguments ?? []) as { name: string; description?: string; required?: boolean }[];
  return {
    ...(raw as unknown as PromptConfig),
    arguments: args.map((a) => ({ ...a, required: a.required === true })),
  };
}

/** Corpus resources always carry their URI template (default `docs://<corpus>/{id}`). */
function normalizeResource(raw: Record<string, unknown>): ResourceConfig {
  const resource = raw as unknown as ResourceConfig;
  if (typeof resource.corpus !== 'string' || resource.uriTemplate !== undefined) return resource;
  return { ...resource, uriTemplate: `docs://${resource.corpus}/{id}` };
}
