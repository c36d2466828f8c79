// Works out the public origin (issuer) and the MCP resource URL, from config, then the platform's env.
import type { ServerConfig } from '../../config/types.js';

export interface PublicUrls {
  /** Origin without trailing slash; also the OAuth issuer. */
  readonly issuer: string;
  /** The MCP endpoint URL: the RFC 8707 resource / token audience. */
  readonly resource: string;
  /** RFC 9728 metadata URL for the resource (path-suffixed form). */
  readonly resourceMetadataUrl: string;
  /** Where the origin came from, for logs and doctor. */
  readonly source: string;
  /** Set when we fell back to localhost: OAuth will not work for remote clients. */
  readonly warning?: string;
}

function origin(value: string): string | undefined {
  try {
    const u = new URL(value.includes('://') ? value : `https://${value}`);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export function resolvePublicOrigin(server: Pick<ServerConfig, 'publicUrl' | 'port'>, env: NodeJS.ProcessEnv = process.env): { origin: string; source: string; warning?: string } {
  const candidates: [string | undefined, string][] = [
    [server.publicUrl, 'server.publicUrl'],
    [env.BASE_URL, 'BASE_URL'],
    [env.FLY_APP_NAME ? `https://${env.FLY_APP_NAME}.fly.dev` : undefined, 'FLY_APP_NAME'],
    [env.RENDER_EXTERNAL_URL, 'RENDER_EXTERNAL_URL'],
    [env.RAILWAY_PUBLIC_DOMAIN, 'RAILWAY_PUBLIC_DOMAIN'],
  ];
  for (const [value, source] of candidates) {
    const o = value ? origin(value.trim()) : undefined;
    if (o) return { origin: o, source };
  }
  const fallback = `http://localhost:${server.port}`;
  return {
    origin: fallback,
    source: 'localhost fallback',
    warning: `OAuth issuer falls back to ${fallback}: remote MCP clients (ChatGPT) cannot sign in. Set server.publicUrl or BASE_URL to the public https URL.`,
  };
}

/** PRM URL for a resource path: /.well-known/oauth-protected-resource + path ("/" → root form). */
export function resourceMetadataPath(mcpPath: string): string {
  const suffix = mcpPath === '/' ? '' : mcpPath.replace(/\/+$/, '');
  return `/.well-known/oauth-protected-resource${suffix}`;
}

export function publicUrls(server: Pick<ServerConfig, 'publicUrl' | 'port' | 'path'>, env: NodeJS.ProcessEnv = process.env): PublicUrls {
  const { origin: issuer, source, warning } = resolvePublicOrigin(server, env);
  const path = server.path || '/mcp';
  return {
    issuer,
    resource: `${issuer}${path}`,
    resourceMetadataUrl: `${issuer}${resourceMetadataPath(path)}`,
    source,
    ...(warning ? { warning } : {}),
  };
}
