// Small pieces with sharp edges: issuer resolution, password hashing, keys, client secrets,
// HTML escaping, the login limiter and the challenge header.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicUrls, resolvePublicOrigin } from '../../../src/runtime/auth/public-url.js';
import { hashPassword, verifyPassword } from '../../../src/runtime/auth/password.js';
import { KEY_ENV, loadKeys } from '../../../src/runtime/auth/keys.js';
import { clientSecretMatches, hashClientSecret } from '../../../src/runtime/auth/client-secret.js';
import { escapeHtml } from '../../../src/runtime/auth/html.js';
import { LoginLimiter } from '../../../src/runtime/auth/login-limiter.js';
import { bearerChallenge } from '../../../src/runtime/auth/challenge.js';
import { redirectUriAllowed } from '../../../src/runtime/auth/redirect-policy.js';
import { openStore } from '../../../src/runtime/store/open.js';

const server = { port: 8080, path: '/mcp' };

describe('issuer and resource', () => {
  it('follows publicUrl, BASE_URL, then each platform, then localhost with a warning', () => {
    expect(publicUrls({ ...server, publicUrl: 'https://mcp.example.com/' }, {})).toMatchObject({ issuer: 'https://mcp.example.com', resource: 'https://mcp.example.com/mcp', resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp' });
    expect(resolvePublicOrigin(server, { BASE_URL: 'https://base.example.com' })).toMatchObject({ origin: 'https://base.example.com', source: 'BASE_URL' });
    expect(resolvePublicOrigin(server, { FLY_APP_NAME: 'my-app' })).toMatchObject({ origin: 'https://my-app.fly.dev', source: 'FLY_APP_NAME' });
    expect(resolvePublicOrigin(server, { RENDER_EXTERNAL_URL: 'https://x.onrender.com' }).origin).toBe('https://x.onrender.com');
    expect(resolvePublicOrigin(server, { RAILWAY_PUBLIC_DOMAIN: 'x.up.railway.app' }).origin).toBe('https://x.up.railway.app');
    const local = resolvePublicOrigin(server, {});
    expect(local.origin).toBe('http://localhost:8080');
    expect(local.warning).toMatch(/cannot sign in/);
    expect(publicUrls({ port: 1, path: '/' }, { BASE_URL: 'https://a.example' }).resourceMetadataUrl).toBe('https://a.example/.well-known/oauth-protected-resource');
  });
});

describe('passwords', () => {
  it('hash with a per-user salt and verify in constant time', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('Same password', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99999999$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
  });
});

describe('keys', () => {
  it('are generated once and shared through the store', async () => {
    const store = await openStore('sqlite::memory:', '/tmp');
    const a = await loadKeys(store, {});
    const b = await loadKeys(store, {});
    expect(a.jwks).toEqual(b.jwks);
    expect(a.cookieKeys).toEqual(b.cookieKeys);
    expect(a.publicJwks.keys[0]).not.toHaveProperty('d');
    await store.close();
  });

  it('can come from the environment instead', async () => {
    const store = await openStore('sqlite::memory:', '/tmp');
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const keys = await loadKeys(store, { [KEY_ENV.jwks]: JSON.stringify({ keys: [{ ...jwk, kid: 'env-key' }] }), [KEY_ENV.cookieKeys]: 'k1, k2' });
    expect(keys.jwks.keys[0]!.kid).toBe('env-key');
    expect(keys.cookieKeys).toEqual(['k1', 'k2']);
    await expect(loadKeys(store, { [KEY_ENV.jwks]: '{"keys":[{"kty":"RSA"}]}' })).rejects.toThrow(/private/);
    await expect(loadKeys(store, { [KEY_ENV.jwks]: JSON.stringify(ec) })).rejects.toThrow(/RSA/);
    await store.close();
  });
});

describe('client secrets', () => {
  it('are kept hashed and compared by hash', () => {
    const stored = hashClientSecret('s3cret');
    expect(stored).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashClientSecret(stored)).toBe(stored);
    expect(clientSecretMatches(stored, 's3cret')).toBe(true);
    expect(clientSecretMatches(stored, 's3cret ')).toBe(false);
    expect(clientSecretMatches(undefined, 's3cret')).toBe(false);
  });
});

describe('small guards', () => {
  it('escape HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href&#61;&quot;x&quot; onclick&#61;&#39;y&#39;&gt;&amp;&#96;');
  });

  it('allow https or loopback http redirect URIs only', () => {
    for (const ok of ['https://chatgpt.com/connector_platform_oauth_redirect', 'http://127.0.0.1:3000/cb', 'http://localhost/cb', 'http://[::1]:8/cb']) expect(redirectUriAllowed(ok), ok).toBe(true);
    for (const bad of ['http://example.com/cb', 'javascript:alert(1)', 'https://a.example/cb#x', 'https://u:p@a.example/cb', 'not a url', 'ftp://a.example/']) expect(redirectUriAllowed(bad), bad).toBe(false);
  });

  it('limit failures per account and per IP, and forget an account after success', () => {
    const limiter = new LoginLimiter(2, 60, 3);
    const t = 1_000_000;
    expect(limiter.blockedFor('1.1.1.1', 'a', t)).toBe(0);
    limiter.failed('1.1.1.1', 'a', t);
    limiter.failed('1.1.1.1', 'a', t);
    expect(limiter.blockedFor('2.2.2.2', 'a', t)).toBe(60);
    expect(limiter.blockedFor('1.1.1.1', 'b', t)).toBe(0);
    limiter.failed('1.1.1.1', 'b', t);
    expect(limiter.blockedFor('1.1.1.1', 'c', t)).toBe(60);
    expect(limiter.blockedFor('1.1.1.1', 'c', t + 61_000)).toBe(0);
    limiter.succeeded('a');
    expect(limiter.blockedFor('9.9.9.9', 'a', t)).toBe(0);
  });

  it('build RFC 6750 / 9728 challenges with quoting', () => {
    expect(bearerChallenge({ resourceMetadataUrl: 'https://a/.well-known/oauth-protected-resource/mcp', scopes: ['mcp:read'] })).toBe('Bearer resource_metadata="https://a/.well-known/oauth-protected-resource/mcp", scope="mcp:read"');
    expect(bearerChallenge({ resourceMetadataUrl: 'u', scopes: [], error: 'invalid_token', description: 'say "hi"' })).toBe('Bearer error="invalid_token", error_description="say \\"hi\\"", resource_metadata="u"');
  });
});
