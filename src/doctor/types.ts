// Shared shapes of the doctor: one check result, the whole report, and the options a caller passes.

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** Areas in the order the report shows them. */
export const CHECK_AREAS = ['reachability', 'endpoint', 'transport', 'protocol', 'tools', 'search', 'auth', 'cors'] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

/** What a check function returns; the runner adds id, area and timing. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** One line: what was observed. */
  readonly message: string;
  /** For warn/fail: a concrete thing to change. */
  readonly fix?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface CheckResult extends CheckOutcome {
  readonly id: string;
  readonly area: CheckArea;
  readonly durationMs: number;
}

export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
}

export interface DoctorOptions {
  /** Per-request timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /** Complete the OAuth flow headlessly with these credentials. */
  readonly login?: LoginCredentials;
  /** Query for the `search` tool; derived from tool descriptions when absent. */
  readonly query?: string;
}

/** Which protocol eras the server answered. */
export interface ServerEras {
  /** Legacy `initialize` versions the server echoed back. */
  readonly legacy: readonly string[];
  /** Modern (2026-07-28+) versions the server listed in `server/discover`. */
  readonly modern: readonly string[];
}

export interface DoctorSummary {
  readonly pass: number;
  readonly warn: number;
  readonly fail: number;
  readonly skip: number;
}

export interface DoctorReport {
  readonly tool: 'mcp-devmode doctor';
  readonly version: string;
  /** The URL the user asked about. */
  readonly url: string;
  /** The URL that answered MCP (differs when the user pasted the origin instead of /mcp, or the other way round). */
  readonly endpoint: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** True when no check failed. */
  readonly ok: boolean;
  readonly summary: DoctorSummary;
  readonly eras: ServerEras;
  readonly checks: readonly CheckResult[];
}
