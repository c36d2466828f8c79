// The typed, validated, frozen configuration every downstream module receives.
// Produced only by src/config/load.ts; nothing downstream re-reads YAML.

export type JsonSchema = { readonly [key: string]: unknown };

/** MCP tool annotations (2025-06-18+); the config fills per-kind defaults. */
export interface ToolAnnotations {
  readonly title?: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** Fields every tool entry has, whatever its kind. */
export interface ToolConfigBase {
  readonly kind: string;
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly annotations: ToolAnnotations;
  /** Always an object schema: from `inputSchema`, the `input:` shorthand, or the kind's default. */
  readonly inputSchema: JsonSchema;
  readonly outputSchema?: JsonSchema;
  /** Per-tool auth when `auth.mode` is oauth: required (default) or none. */
  readonly auth: 'required' | 'none';
  readonly scopes: readonly string[];
  /** Kind-specific fields stay on the object as written (after env interpolation). */
  readonly [key: string]: unknown;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** MCP endpoint path, default `/mcp`; `/` answers too. */
  readonly path: string;
  /** Public https URL of the server origin (no path), when known. */
  readonly publicUrl?: string;
  /** Allowed browser origins (CORS + Origin check). Empty = only same-origin / no Origin. */
  readonly corsOrigins: readonly string[];
  /** Allowed Host header values. Empty = any host. */
  readonly allowedHosts: readonly string[];
  /** Allow outbound requests to private/loopback addresses for every tool (SSRF guard off). */
  readonly allowPrivateNetwork: boolean;
  /** Maximum request body in bytes. */
  readonly maxBodyBytes: number;
}

export interface AuthNone {
  readonly mode: 'none';
}

/** A pre-registered OAuth client (auth.clients). */
export interface OAuthClientConfig {
  readonly id: string;
  readonly secret?: string;
  readonly name?: string;
  readonly redirectUris: readonly string[];
}

/** OAuth settings (the server is its own authorization server); defaults live in src/runtime/auth/settings.ts. */
export interface AuthOAuth {
  readonly mode: 'oauth';
  /** Who may sign in; default local. */
  readonly users?: 'local' | 'supabase' | 'demo';
  /** Names, or name → description; default [mcp:read, mcp:write]. */
  readonly scopes?: readonly string[] | { readonly [scope: string]: string };
  /** Seconds or "15m"/"12h"/"30d". */
  readonly accessTokenTtl?: number | string;
  readonly refreshTokenTtl?: number | string;
  readonly clients?: readonly OAuthClientConfig[];
  readonly supabase?: { readonly url: string; readonly anonKey: string };
  readonly allowDemo?: boolean;
  readonly loginRateLimit?: number | { readonly max?: number; readonly windowSeconds?: number | string };
}

export type AuthConfig = AuthNone | AuthOAuth;

/** One source of documents inside a corpus. */
export interface CorpusSource {
  /** Glob relative to the config file's directory. */
  readonly path: string;
  /** Inferred from the extension when absent. */
  readonly format?: 'markdown' | 'text' | 'json' | 'jsonl' | 'csv';
  /** Record field mapping for json/jsonl/csv. */
  readonly fields?: {
    readonly id?: string;
    readonly title?: string;
    readonly text?: string;
    readonly url?: string;
    readonly metadata?: readonly string[];
  };
}

export interface CorpusConfig {
  readonly name: string;
  readonly sources: readonly CorpusSource[];
  /** Base URL for documents without an absolute url of their own. */
  readonly baseUrl?: string;
  readonly [key: string]: unknown;
}

/** One `resources:` entry: a single resource (`file:` or `text:`) or a corpus exposed through a URI template. */
export interface ResourceConfig {
  /** Set for `file:`/`text:` resources. */
  readonly uri?: string;
  /** Corpus resources: RFC 6570 template with one `{id}` (always set: default `docs://<corpus>/{id}`). */
  readonly uriTemplate?: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  /** Relative to mcp.yaml; must stay inside the project folder. */
  readonly file?: string;
  readonly text?: string;
  readonly corpus?: string;
}

export interface PromptArgumentConfig {
  readonly name: string;
  readonly description?: string;
  readonly required: boolean;
}

/**
 * One prompt message, exactly one of: `text:` (with `{{arg}}` placeholders), `resource:` (embeds a
 * declared resource by URI) or `image:` (a declared image resource as an image block).
 */
export interface PromptMessageConfig {
  readonly role: 'user' | 'assistant';
  readonly text?: string;
  readonly resource?: string;
  readonly image?: string;
}

export interface PromptConfig {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly arguments: readonly PromptArgumentConfig[];
  readonly messages: readonly PromptMessageConfig[];
}

export interface McpConfig {
  readonly name: string;
  readonly version: string;
  readonly title?: string;
  readonly description?: string;
  readonly instructions?: string;
  readonly server: ServerConfig;
  readonly auth: AuthConfig;
  /** `sqlite:FILE` or `postgres://…`; used when auth needs persistence. */
  readonly storage: string;
  readonly corpora: { readonly [name: string]: CorpusConfig };
  /** In declaration order (tools/list order is deterministic: this order). */
  readonly tools: readonly ToolConfigBase[];
  readonly resources: readonly ResourceConfig[];
  readonly prompts: readonly PromptConfig[];
  /** Absolute path of the mcp.yaml this came from, and its directory (relative paths resolve here). */
  readonly sourcePath: string;
  readonly baseDir: string;
  /** Every `${VAR}` the file referenced (deploy lists them as secrets / env). */
  readonly envVars: readonly string[];
}

/**
 * A problem found in a config, located by its path in the document
 * (e.g. ['tools', 2, 'url']). The loader maps the path to file:line:column.
 */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint?: string;
  /** When the problem is a map key rather than its value (unknown keys). */
  readonly atKey?: boolean;
  /** Default error; a warning is printed but does not stop the config from loading. */
  readonly severity?: 'error' | 'warning';
}
