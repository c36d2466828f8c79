// Normalises the `auth:` section (mode oauth) into the typed settings the OAuth layer runs on.
import type { AuthOAuth } from '../../config/types.js';

export type UserSource = 'local' | 'supabase' | 'demo';

export interface PreRegisteredClient {
  readonly id: string;
  readonly secret?: string;
  readonly redirectUris: readonly string[];
  readonly name?: string;
}

export interface OAuthSettings {
  readonly users: UserSource;
  readonly scopes: readonly string[];
  readonly scopeDescriptions: Readonly<Record<string, string>>;
  /** Seconds. */
  readonly accessTokenTtl: number;
  readonly refreshTokenTtl: number;
  readonly clients: readonly PreRegisteredClient[];
  readonly supabase?: { readonly url: string; readonly anonKey: string };
  readonly allowDemo: boolean;
  readonly loginRateLimit: { readonly max: number; readonly windowSeconds: number };
}

export const DEFAULT_SCOPES = ['mcp:read', 'mcp:write'] as const;
const DEFAULT_ACCESS_TTL = 3600;
const DEFAULT_REFRESH_TTL = 30 * 86400;
const DEFAULT_RATE_LIMIT = { max: 10, windowSeconds: 900 };

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "15m" → 900; 3600 → 3600; bad input → the fallback. */
export function parseDuration(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value !== 'string') return fallback;
  const m = /^\s*(\d+)\s*([smhd])?\s*$/.exec(value);
  if (!m) return fallback;
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] ?? 's'] ?? 1);
  return seconds > 0 ? seconds : fallback;
}

function readScopes(value: unknown): { scopes: string[]; descriptions: Record<string, string> } {
  if (Array.isArray(value)) {
    const scopes = value.filter((s): s is string => typeof s === 'string' && s.length > 0);
    return { scopes, descriptions: {} };
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      scopes: entries.map(([k]) => k),
      descriptions: Object.fromEntries(entries.filter(([, v]) => typeof v === 'string') as [string, string][]),
    };
  }
  return { scopes: [...DEFAULT_SCOPES], descriptions: {} };
}

function readClients(value: unknown): PreRegisteredClient[] {
  if (!Array.isArray(value)) return [];
  const out: PreRegisteredClient[] = [];
  for (const raw of value) {
    if (!raw || typeof raw !== 'object') continue;
    const c = raw as Record<string, unknown>;
    const id = typeof c.id === 'string' ? c.id : typeof c.clientId === 'string' ? c.clientId : undefined;
    const uris = Array.isArray(c.redirectUris) ? c.redirectUris.filter((u): u is string => typeof u === 'string') : [];
    if (!id) continue;
    out.push({
      id,
      redirectUris: uris,
      ...(typeof c.secret === 'string' && c.secret ? { secret: c.secret } : {}),
      ...(typeof c.name === 'string' ? { name: c.name } : {}),
    });
  }
  return out;
}

function readRateLimit(value: unknown): { max: number; windowSeconds: number } {
  if (typeof value === 'number' && value > 0) return { ...DEFAULT_RATE_LIMIT, max: Math.floor(value) };
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return {
      max: typeof v.max === 'number' && v.max > 0 ? Math.floor(v.max) : DEFAULT_RATE_LIMIT.max,
      windowSeconds: parseDuration(v.windowSeconds ?? v.window, DEFAULT_RATE_LIMIT.windowSeconds),
    };
  }
  return DEFAULT_RATE_LIMIT;
}

export function oauthSettings(auth: AuthOAuth): OAuthSettings {
  const users = auth.users === 'supabase' || auth.users === 'demo' ? auth.users : 'local';
  const { scopes, descriptions } = readScopes(auth.scopes);
  const sb = auth.supabase as Record<string, unknown> | undefined;
  return {
    users,
    scopes,
    scopeDescriptions: descriptions,
    accessTokenTtl: parseDuration(auth.accessTokenTtl, DEFAULT_ACCESS_TTL),
    refreshTokenTtl: parseDuration(auth.refreshTokenTtl, DEFAULT_REFRESH_TTL),
    clients: readClients(auth.clients),
    ...(sb && typeof sb.url === 'string' && typeof sb.anonKey === 'string' ? { supabase: { url: sb.url, anonKey: sb.anonKey } } : {}),
    allowDemo: auth.allowDemo === true,
    loginRateLimit: readRateLimit(auth.loginRateLimit),
  };
}
