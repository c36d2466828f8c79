// State shared by the checks of one doctor run: the endpoint, the wire, and what earlier checks learned.
import { McpWire, type LegacySession, type RpcExchange } from './http/mcp-wire.js';
import { isSpecVersion, validateReply, type SchemaViolation } from './spec-schemas.js';
import type { CheckArea, CheckOutcome, DoctorOptions } from './types.js';

/** A tool as listed by the server, kept loose: checks report what is wrong with it. */
export interface ListedTool {
  readonly name?: unknown;
  readonly description?: unknown;
  readonly inputSchema?: unknown;
  readonly annotations?: unknown;
  readonly _meta?: unknown;
  readonly securitySchemes?: unknown;
  readonly [key: string]: unknown;
}

export interface OAuthClientInfo {
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken?: string;
}

/** What the auth checks discover, in the order they discover it. */
export interface AuthState {
  /** 'oauth': the endpoint answers 401; 'mixed': tools declare oauth2; 'none': no auth; 'json-rpc-error': 200 + JSON-RPC auth error. */
  mode: 'unknown' | 'none' | 'oauth' | 'mixed' | 'json-rpc-error';
  wwwAuthenticate?: string;
  resourceMetadataUrl?: string;
  prm?: Record<string, unknown>;
  issuer?: string;
  asMetadata?: Record<string, unknown>;
  client?: OAuthClientInfo;
  tokens?: TokenSet;
  /** Parameters of the final redirect to redirect_uri, when --login completed. */
  callback?: URLSearchParams;
  /** Set by the refresh check for the reuse check. */
  rotatedFrom?: string;
}

export interface DoctorState {
  /** The first initialize answer at the endpoint (2025-06-18). */
  firstContact?: RpcExchange;
  /** A working legacy session (latest version that answered). */
  session?: LegacySession;
  legacyVersions: string[];
  modernVersions: string[];
  /** How the server answered server/discover: modern result, clean fallback, or broken. */
  discover?: 'modern' | 'fallback' | 'broken';
  tools?: ListedTool[];
  instructions?: string;
  /** What search returned, for the url and fetch checks. */
  searchHits?: { readonly ids: readonly string[]; readonly urls: readonly unknown[] };
  auth: AuthState;
  /** Set when a gate failed: the remaining checks are skipped with this reason. */
  blocked?: string;
}

export class DoctorContext {
  readonly timeoutMs: number;
  readonly schemaViolations: SchemaViolation[] = [];
  /** How many replies were schema-checked, per version. */
  readonly validatedReplies = new Map<string, number>();
  readonly state: DoctorState = { legacyVersions: [], modernVersions: [], auth: { mode: 'unknown' } };
  wire: McpWire;
  endpoint: string;

  constructor(
    readonly inputUrl: string,
    readonly options: DoctorOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.endpoint = inputUrl;
    this.wire = this.makeWire(inputUrl);
  }

  /** Switches probing to another URL (the one the server really answers on). */
  useEndpoint(url: string): void {
    const token = this.wire.token;
    this.endpoint = url;
    this.wire = this.makeWire(url);
    this.wire.token = token;
  }

  private makeWire(url: string): McpWire {
    return new McpWire(url, this.timeoutMs, (method, version, message) => this.recordReply(method, version, message));
  }

  /** Every reply is checked against the schema of the version the request spoke. */
  private recordReply(method: string, version: string, message: unknown): void {
    if (!isSpecVersion(version)) return;
    this.validatedReplies.set(version, (this.validatedReplies.get(version) ?? 0) + 1);
    const violation = validateReply(version, method, message);
    if (violation) this.schemaViolations.push(violation);
  }
}

/** One check: a stable id, its area, and a function that looks at the server. */
export interface Check {
  readonly id: string;
  readonly area: CheckArea;
  readonly run: (ctx: DoctorContext) => Promise<CheckOutcome> | CheckOutcome;
}


export const pass = (message: string, details?: Record<string, unknown>): CheckOutcome => ({ status: 'pass', message, ...(details ? { details } : {}) });
export const skip = (message: string, details?: Record<string, unknown>): CheckOutcome => ({ status: 'skip', message, ...(details ? { details } : {}) });
export const warn = (message: string, fix: string, details?: Record<string, unknown>): CheckOutcome => ({ status: 'warn', message, fix, ...(details ? { details } : {}) });
export const fail = (message: string, fix: string, details?: Record<string, unknown>): CheckOutcome => ({ status: 'fail', message, fix, ...(details ? { details } : {}) });
