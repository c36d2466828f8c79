// The `auth:` section of mcp.yaml as the OAuth layer reads it: the JSON Schema accepts what
// settings.ts understands and refuses the rest; settings.ts fills the defaults.
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../../src/config/ajv.js';
import { authSchema } from '../../../src/config/schema/auth-schema.js';
import { oauthSettings, parseDuration } from '../../../src/runtime/auth/settings.js';
import type { AuthOAuth } from '../../../src/config/types.js';

const validate = createAjv().compile(authSchema);
const ok = (auth: unknown) => validate(auth) === true;

describe('auth schema (mode oauth)', () => {
  it('accepts the documented settings', () => {
    expect(ok({
      mode: 'oauth',
      users: 'local',
      scopes: ['mcp:read', 'mcp:write'],
      accessTokenTtl: '1h',
      refreshTokenTtl: '30d',
      clients: [{ id: 'my-client', secret: 's3cret', redirectUris: ['https://chatgpt.com/connector_platform_oauth_redirect'] }],
      loginRateLimit: { max: 5, windowSeconds: '15m' },
    })).toBe(true);
    expect(ok({ mode: 'oauth', users: 'supabase', supabase: { url: 'https://x.supabase.co', anonKey: 'k' } })).toBe(true);
    expect(ok({ mode: 'oauth', users: 'demo', allowDemo: true, scopes: { 'docs:read': 'Read your docs' } })).toBe(true);
    expect(ok({ mode: 'oauth' })).toBe(true);
  });

  it('refuses what the server would not understand', () => {
    expect(ok({ mode: 'oauth', users: 'ldap' })).toBe(false);
    expect(ok({ mode: 'oauth', users: 'supabase' })).toBe(false); // needs auth.supabase
    expect(ok({ mode: 'oauth', clients: [{ id: 'c' }] })).toBe(false); // needs redirectUris
    expect(ok({ mode: 'oauth', clients: [{ id: 'c', redirectUris: ['https://a/cb'], secrte: 'x' }] })).toBe(false);
    expect(ok({ mode: 'oauth', scopes: ['has space'] })).toBe(false);
    expect(ok({ mode: 'oauth', accessTokenTtl: '1 week' })).toBe(false);
    expect(ok({ mode: 'oauth', supabase: { url: 'u' } })).toBe(false);
    expect(ok({ mode: 'none', users: 'local' })).toBe(false);
  });
});

describe('oauth settings', () => {
  it('fills defaults', () => {
    expect(oauthSettings({ mode: 'oauth' })).toMatchObject({
      users: 'local',
      scopes: ['mcp:read', 'mcp:write'],
      accessTokenTtl: 3600,
      refreshTokenTtl: 30 * 86400,
      clients: [],
      allowDemo: false,
      loginRateLimit: { max: 10, windowSeconds: 900 },
    });
  });

  it('reads durations, scope descriptions and clients', () => {
    const auth: AuthOAuth = { mode: 'oauth', scopes: { 'a:b': 'Does a b' }, accessTokenTtl: '15m', refreshTokenTtl: 86400, loginRateLimit: 3, clients: [{ id: 'c', redirectUris: ['https://x/cb'] }] };
    expect(oauthSettings(auth)).toMatchObject({ scopes: ['a:b'], scopeDescriptions: { 'a:b': 'Does a b' }, accessTokenTtl: 900, refreshTokenTtl: 86400, loginRateLimit: { max: 3 }, clients: [{ id: 'c', redirectUris: ['https://x/cb'] }] });
    expect(parseDuration('12h', 1)).toBe(43200);
    expect(parseDuration('2d', 1)).toBe(172800);
    expect(parseDuration('nonsense', 7)).toBe(7);
  });
});
