// The contract every tool kind implements: a schema fragment for mcp.yaml, config-time checks,
// and a two-phase build (create once at start, call on the hot path).
// Spec types from the official v2 SDK (type-only: erased at build, no runtime dependency).
import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { ConfigIssue, JsonSchema, McpConfig, ToolAnnotations, ToolConfigBase } from '../../config/types.js';
import type { Logger } from '../logger.js';
import type { CorpusProvider } from '../corpus/types.js';

export type { CallToolResult, Tool };

/** Who is calling, when OAuth is on. */
export interface AuthInfo {
  readonly subject: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly [key: string]: unknown;
}

/** Per-call context handed to Tool.call. */
export interface CallContext {
  /** Aborted when the client goes away or the server shuts down. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly protocolVersion: string;
  readonly auth?: AuthInfo;
}

/** Build-time context handed to ToolKind.create. */
export interface BuildContext {
  readonly config: McpConfig;
  readonly logger: Logger;
  /** Shared, lazily built document indexes (search, fetch and resources use the same one). */
  readonly corpora: CorpusProvider;
}

/** A ready tool: its precomputed MCP definition and the per-call work. */
export interface RuntimeTool {
  readonly definition: Tool;
  /** Arguments arrive already validated against definition.inputSchema. */
  call(args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult>;
  close?(): Promise<void>;
}

export interface ToolKind {
  readonly kind: string;
  /**
   * JSON Schema (2020-12) for this kind's own keys in a tool entry. Merged with the common
   * tool keys into schema/mcp.schema.json; unknown keys are errors.
   */
  readonly schema: {
    readonly properties: { readonly [key: string]: JsonSchema };
    readonly required?: readonly string[];
  };
  readonly defaultAnnotations: ToolAnnotations;
  /**
   * Defaults that depend on the entry itself (e.g. an http tool's method); when present the
   * loader uses it instead of `defaultAnnotations`. The entry is as written (after env interpolation).
   */
  defaultAnnotationsFor?(entry: { readonly [key: string]: unknown }): ToolAnnotations;
  /** Input schema when the entry gives neither `input` nor `inputSchema`. */
  readonly defaultInputSchema?: JsonSchema;
  /** Semantic checks the schema cannot express (placeholders, files, references). */
  check?(tool: ToolConfigBase, config: McpConfig, index: number): ConfigIssue[];
  create(tool: ToolConfigBase, ctx: BuildContext): Promise<RuntimeTool>;
}
