// Fetch for Client ID Metadata Documents: our SSRF-guarded client, no redirects, small bodies,
// presented to oidc-provider as a WHATWG Response.
import { guardedFetch } from '../net/index.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export function guardedMetadataFetch(options: { allowPrivateNetwork?: boolean } = {}): FetchLike {
  return async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      if (name !== 'user-agent') headers[name] = value;
    });
    const res = await guardedFetch(
      url,
      { method: init.method ?? 'GET', headers },
      { followRedirects: false, maxBytes: 64 * 1024, timeoutMs: 5000, allowPrivateNetwork: options.allowPrivateNetwork === true },
    );
    return new Response(res.status === 204 || res.status === 304 ? null : new Uint8Array(res.body), { status: res.status, headers: res.headers });
  };
}
