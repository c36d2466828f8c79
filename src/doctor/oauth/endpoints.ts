// Well-known OAuth discovery URLs (RFC 9728 PRM, RFC 8414 / OIDC AS metadata) and small JSON/form requests.
import { parseJson } from '../http/mcp-wire.js';
import { probe, type ProbeResult } from '../http/probe.js';

/** PRM locations for an MCP endpoint: path-suffixed first, then the root. */
export function protectedResourceUrls(endpoint: string): { pathSuffixed?: string; root: string } {
  const u = new URL(endpoint);
  const path = u.pathname.replace(/\/+$/, '');
  const root = `${u.origin}/.well-known/oauth-protected-resource`;
  return path ? { pathSuffixed: `${root}${path}`, root } : { root };
}

/** AS metadata locations in the MCP discovery order: RFC 8414 first, then OpenID Connect. */
export function authorizationServerUrls(issuer: string): { rfc8414: string; oidc: string[] } {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/+$/, '');
  if (!path) return { rfc8414: `${u.origin}/.well-known/oauth-authorization-server`, oidc: [`${u.origin}/.well-known/openid-configuration`] };
  return {
    rfc8414: `${u.origin}/.well-known/oauth-authorization-server${path}`,
    oidc: [`${u.origin}/.well-known/openid-configuration${path}`, `${u.origin}${path}/.well-known/openid-configuration`],
  };
}

export interface JsonAnswer {
  readonly http: ProbeResult;
  readonly status: number;
  readonly json?: Record<string, unknown>;
}

function objectOrUndefined(text: string): Record<string, unknown> | undefined {
  const parsed = parseJson(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

export async function getJson(url: string, timeoutMs: number): Promise<JsonAnswer> {
  const http = await probe(url, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
  if (!http.ok) return { http, status: 0 };
  return { http, status: http.status, json: http.status === 200 ? objectOrUndefined(http.text) : undefined };
}

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<JsonAnswer> {
  const http = await probe(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body), timeoutMs });
  if (!http.ok) return { http, status: 0 };
  return { http, status: http.status, json: objectOrUndefined(http.text) };
}

export async function postForm(url: string, params: Record<string, string>, timeoutMs: number): Promise<JsonAnswer> {
  const http = await probe(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(params).toString(), timeoutMs });
  if (!http.ok) return { http, status: 0 };
  return { http, status: http.status, json: objectOrUndefined(http.text) };
}
