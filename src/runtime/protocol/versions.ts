// The MCP protocol versions this server speaks, by era, and how a legacy `initialize` picks one.

/** Stateless, per-request-`_meta` versions (newest first). */
export const MODERN_VERSIONS = ['2026-07-28'] as const;
/** `initialize`-handshake versions (newest first). */
export const LEGACY_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const;
/** Every version we serve, newest first (listed in UnsupportedProtocolVersion errors). */
export const SUPPORTED_VERSIONS: readonly string[] = [...MODERN_VERSIONS, ...LEGACY_VERSIONS];

export const LATEST_LEGACY_VERSION = LEGACY_VERSIONS[0];
/** What a legacy HTTP request without `MCP-Protocol-Version` is assumed to speak (2025-06-18+ transports). */
export const DEFAULT_HEADERLESS_VERSION = '2025-03-26';

export type Era = 'legacy' | 'modern';

const modern: ReadonlySet<string> = new Set(MODERN_VERSIONS);
const legacy: ReadonlySet<string> = new Set(LEGACY_VERSIONS);

export function isModernVersion(version: string): boolean {
  return modern.has(version);
}

export function isLegacyVersion(version: string): boolean {
  return legacy.has(version);
}

export function isSupportedVersion(version: string): boolean {
  return modern.has(version) || legacy.has(version);
}

/** `initialize`: echo the client's version when we speak it, else offer our latest legacy one. */
export function negotiateLegacyVersion(requested: unknown): string {
  return typeof requested === 'string' && legacy.has(requested) ? requested : LATEST_LEGACY_VERSION;
}

/** Dates compare as strings; used for "this field exists since version X". */
export function versionAtLeast(version: string, since: string): boolean {
  return version >= since;
}
