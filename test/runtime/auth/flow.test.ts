// End-to-end OAuth with the official MCP SDK v1 client: 401 → PRM → AS metadata → DCR → authorize →
// login → consent → code → token → tools/call → refresh → revoke; also CIMD and a pre-registered client.
import { afterAll, beforeAll, describe, expect, it as base } from 'vitest';
import { refreshAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
import type { AuthorizationServerMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { startServer, testConfig, type TestServer } from './harness.js';
import { connectWithOAuth, HeadlessProvider, REDIRECT_URL } from './sdk-client.js';
import { freshSchemaUrl, postgresAvailable } from '../store/pg-available.js';

const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';

const pgUp = await postgresAvailable();
const backends = [
  { name: 'SQLite', url: async () => 'sqlite::memory:', enabled: true },
  { name: 'PostgreSQL', url: () => freshSchemaUrl('auth_flow'), enabled: pgUp },
];

describe.each(backends)('OAuth flow with the MCP SDK v1 client (local users, $name)', ({ url, enabled }) => {
  let store: Store;
  let srv: TestServer;

  beforeAll(async () => {
    if (!enabled) return;
    store = await openStore(await url(), '/tmp');
    await store.createUser({ id: 'user-ada', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
    srv = await startServer(testConfig({ users: 'local', scopes: ['mcp:read', 'mcp:write'] }), { store });
  });
  afterAll(async () => {
    await srv?.close();
    await store?.close();
  });
  // Skipped (with the reason printed by postgresAvailable) when PostgreSQL is absent outside CI.
  const it = enabled ? base : base.skip;

  it('answers an unauthenticated MCP request with 401 and a resource_metadata challenge', async () => {
    const res = await fetch(srv.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${srv.origin}/.well-known/oauth-protected-resource/mcp", scope="mcp:read mcp:write"`);
  });

  it('serves protected resource metadata at the root and path-suffixed URLs', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const prm = await (await fetch(srv.origin + path)).json();
      expect(prm).toMatchObject({ resource: srv.mcpUrl, authorization_servers: [srv.origin], scopes_supported: ['mcp:read', 'mcp:write'] });
    }
  });

  it('serves authorization server metadata (RFC 8414 and OIDC paths) with the required fields', async () => {
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const res = await fetch(srv.origin + path);
      expect(res.status).toBe(200);
      const md = (await res.json()) as Record<string, unknown>;
      expect(md.issuer).toBe(srv.origin);
      expect(md.code_challenge_methods_supported).toEqual(['S256']);
      expect(md.response_types_supported).toEqual(['code']);
      expect(md.registration_endpoint).toBe(`${srv.origin}/oauth/register`);
      expect(md.revocation_endpoint).toBe(`${srv.origin}/oauth/revoke`);
      expect(md.client_id_metadata_document_supported).toBe(true);
      expect(md.authorization_response_iss_parameter_supported).toBe(true);
      expect(md.grant_types_supported).not.toContain('implicit');
    }
  });

  it('runs DCR → login → consent → token → tools/call → refresh → revoke', async () => {
    const provider = new HeadlessProvider(srv.origin, { email: EMAIL, password: PASSWORD });
    const client = await connectWithOAuth(srv.mcpUrl, provider);

    // DCR happened and the authorization request carried PKCE S256, resource and state.
    expect(provider.info?.client_id).toBeTruthy();
    const authz = provider.authorizationUrls[0]!;
    expect(authz.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authz.searchParams.get('resource')).toBe(srv.mcpUrl);
    // The redirect carried our state and iss (RFC 9207).
    expect(provider.lastRedirect!.origin + provider.lastRedirect!.pathname).toBe(REDIRECT_URL);
    expect(provider.lastRedirect!.searchParams.get('state')).toBe('state-123');
    expect(provider.lastRedirect!.searchParams.get('iss')).toBe(srv.origin);

    const result = await client.callTool({ name: 'whoami', arguments: {} });
    const who = JSON.parse((result.content as { text: string }[])[0]!.text);
    expect(who).toEqual({ subject: 'user-ada', clientId: provider.info!.client_id, scopes: ['mcp:read', 'mcp:write'] });
    await client.close();

    // The access token is an RFC 9068 JWT for exactly this resource.
    const [header, payload] = provider.saved!.access_token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    expect(payload).toMatchObject({ iss: srv.origin, aud: srv.mcpUrl, sub: 'user-ada', client_id: provider.info!.client_id });
    expect(provider.saved!.refresh_token).toBeTruthy();

    // Refresh rotates the refresh token.
    const oldRefresh = provider.saved!.refresh_token!;
    const metadata = (await (await fetch(`${srv.origin}/.well-known/oauth-authorization-server`)).json()) as AuthorizationServerMetadata;
    const refreshed = await refreshAuthorization(srv.origin, { metadata, clientInformation: provider.info!, refreshToken: oldRefresh, resource: new URL(srv.mcpUrl) });
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(oldRefresh);
    const ok = await fetch(srv.mcpUrl, { method: 'POST', headers: mcpHeaders(refreshed.access_token), body: toolsList });
    expect(ok.status).toBe(200);

    // Revocation (RFC 7009) of the refresh token ends the grant: its access tokens stop working.
    const revoke = await fetch(`${srv.origin}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshed.refresh_token!, token_type_hint: 'refresh_token', client_id: provider.info!.client_id }).toString(),
    });
    expect(revoke.status).toBe(200);
    const after = await fetch(srv.mcpUrl, { method: 'POST', headers: mcpHeaders(refreshed.access_token), body: toolsList });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await expect(refreshAuthorization(srv.origin, { metadata, clientInformation: provider.info!, refreshToken: refreshed.refresh_token! })).rejects.toThrow();

    // The audit log saw it all.
    const types = new Set((await store.listAudit(100)).map((e) => e.type));
    for (const t of ['client_registered', 'login_ok', 'token_issued', 'token_refreshed', 'grant_revoked'] as const) expect(types).toContain(t);
  });

  it('stores no token, code or client secret in the clear', async () => {
    const provider = new HeadlessProvider(srv.origin, { email: EMAIL, password: PASSWORD });
    provider.clientMetadata.token_endpoint_auth_method = 'client_secret_post';
    const client = await connectWithOAuth(srv.mcpUrl, provider);
    await client.close();
    const dump = JSON.stringify(await dumpStore(store));
    expect(dump).not.toContain(provider.saved!.refresh_token!);
    expect(dump).not.toContain(provider.saved!.access_token.split('.')[2]!);
    const code = provider.lastRedirect!.searchParams.get('code')!;
    expect(dump).not.toContain(code);
    if ('client_secret' in provider.info! && provider.info.client_secret) expect(dump).not.toContain(provider.info.client_secret);
  });
});

const toolsList = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
export function mcpHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
}

async function dumpStore(store: Store): Promise<unknown> {
  // Reads every row through the driver-independent API we have: users, audit and raw payload rows.
  const users = await store.listUsers();
  const audit = await store.listAudit(1000);
  const db = (store as unknown as { db: { all(sql: string): Promise<unknown[]> } }).db;
  const rows = await db.all('SELECT * FROM oauth_payloads');
  const secrets = await db.all('SELECT name FROM secrets');
  return { users, audit, rows, secrets };
}
