// RFC 9728 protected resource metadata for the MCP endpoint (root and path-suffixed URLs).
import type { RequestHandler } from 'express';
import type { PublicUrls } from './public-url.js';

export function protectedResourceHandler(urls: PublicUrls, scopes: readonly string[], resourceName: string): RequestHandler {
  const body = JSON.stringify({
    resource: urls.resource,
    authorization_servers: [urls.issuer],
    scopes_supported: scopes,
    bearer_methods_supported: ['header'],
    resource_name: resourceName,
  });
  return (_req, res) => {
    res.set({ 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' });
    res.send(body);
  };
}
