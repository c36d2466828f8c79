// A hand-driven OAuth client for attack tests: DCR, PKCE, authorization URL, token requests, so
// each parameter can be tampered with.
import { createHash, randomBytes } from 'node:crypto';
import { Browser, login, type LoginOutcome } from './harness.js';

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
}

export async function register(origin: string, metadata: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${origin}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none', ...metadata }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function registerOk(origin: string, metadata: Record<string, unknown>): Promise<RegisteredClient> {
  const { status, body } = await register(origin, metadata);
  if (status !== 201) throw new Error(`registration failed: ${status} ${JSON.stringify(body)}`);
  return body as unknown as RegisteredClient;
}

export function authorizeUrl(origin: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${origin}/oauth/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export interface FlowParams {
  readonly client: RegisteredClient;
  readonly resource: string;
  readonly redirectUri?: string;
  readonly state?: string;
  readonly scope?: string;
  readonly challenge?: string;
  readonly method?: string;
}

export function standardParams(p: FlowParams): Record<string, string | undefined> {
  return {
    response_type: 'code',
    client_id: p.client.client_id,
    redirect_uri: p.redirectUri ?? p.client.redirect_uris[0],
    scope: p.scope ?? 'mcp:read mcp:write',
    state: p.state ?? 'st',
    resource: p.resource,
    code_challenge: p.challenge,
    code_challenge_method: p.method ?? (p.challenge ? 'S256' : undefined),
  };
}

/** Full browser leg: authorize → login+consent → redirect. */
export async function authorizeAndLogin(origin: string, params: Record<string, string | undefined>, creds: { email?: string; password?: string; decision?: 'allow' | 'deny' }, browser = new Browser()): Promise<LoginOutcome> {
  return login(browser, authorizeUrl(origin, params), origin, creds);
}

export async function tokenRequest(origin: string, form: Record<string, string | undefined>, basic?: { id: string; secret: string }): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, v);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic.id)}:${encodeURIComponent(basic.secret)}`).toString('base64')}`;
  const res = await fetch(`${origin}/oauth/token`, { method: 'POST', headers, body: body.toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function callMcp(mcpUrl: string, token: string | undefined, method = 'tools/list', params: unknown = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(mcpUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
}
