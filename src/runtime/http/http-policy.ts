// Who may talk to the server: Host allow-list (DNS-rebinding defence), Origin check and CORS headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../../config/types.js';

const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

export const EXPOSED_HEADERS = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate';
const ALLOWED_REQUEST_HEADERS = 'Content-Type, Accept, Authorization, Mcp-Protocol-Version, Mcp-Method, Mcp-Name, Mcp-Session-Id, Last-Event-ID';

export interface HttpPolicy {
  /** undefined: any Host is accepted. */
  readonly allowedHosts?: ReadonlySet<string>;
  readonly corsOrigins: ReadonlySet<string>;
  readonly anyOrigin: boolean;
}

/**
 * Explicit `allowedHosts` win. Without them a server bound to loopback accepts only loopback Host
 * names (plus the public URL's host), as DNS rebinding targets exactly such servers; a server bound
 * to a public interface accepts any Host.
 */
export function buildHttpPolicy(server: ServerConfig, bindHost: string): HttpPolicy {
  let allowedHosts: Set<string> | undefined;
  if (server.allowedHosts.length > 0) {
    allowedHosts = new Set(server.allowedHosts.map((h) => h.toLowerCase()));
  } else if (LOOPBACK_BINDS.has(bindHost.toLowerCase())) {
    allowedHosts = new Set(LOOPBACK_HOSTNAMES);
  }
  if (allowedHosts && server.publicUrl) {
    try {
      allowedHosts.add(new URL(server.publicUrl).host.toLowerCase());
    } catch {
      // publicUrl was validated by the config loader; nothing to add if it is somehow unusable.
    }
  }
  const corsOrigins = new Set(server.corsOrigins.map((o) => o.replace(/\/$/, '').toLowerCase()));
  return { allowedHosts, corsOrigins, anyOrigin: corsOrigins.has('*') };
}

/** Host header accepted? Entries match `host:port` or the bare hostname. */
export function hostAllowed(policy: HttpPolicy, hostHeader: string | undefined): boolean {
  if (!policy.allowedHosts) return true;
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  if (policy.allowedHosts.has(host)) return true;
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return policy.allowedHosts.has(hostname);
}

/** Origin accepted? Absent = not a browser (allowed); else listed, `*`, or same host as the request. */
export function originAllowed(policy: HttpPolicy, origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  const normalized = origin.toLowerCase();
  if (policy.anyOrigin || policy.corsOrigins.has(normalized)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && hostHeader !== undefined && url.host === hostHeader.toLowerCase();
  } catch {
    return false; // "null" and garbage
  }
}

/** CORS response headers for an allowed browser origin (ChatGPT itself needs none). */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** Preflight answer for an allowed origin. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  const requested = req.headers['access-control-request-headers'];
  // Mcp-Param-* names depend on tool schemas: echo what the (already allowed) origin asks for.
  res.setHeader('Access-Control-Allow-Headers', typeof requested === 'string' && requested ? requested : ALLOWED_REQUEST_HEADERS);
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, DELETE, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
}
