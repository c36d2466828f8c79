// Auth discovery: the 401 challenge, protected resource metadata, AS metadata, and client registration.
import { fail, pass, skip, warn, type Check, type DoctorContext } from '../context.js';
import { snippet } from '../http/mcp-wire.js';
import { probe } from '../http/probe.js';
import { authorizationServerUrls, getJson, postJson, protectedResourceUrls } from '../oauth/endpoints.js';
import { isRedirectTo } from '../oauth/login-flow.js';
import { createPkcePair, randomState } from '../oauth/pkce.js';
import { parseChallenge } from '../oauth/www-authenticate.js';
import type { CheckOutcome } from '../types.js';

/** ChatGPT's redirect URI for authorization servers that return `iss` (RFC 9207). */
export const CHATGPT_REDIRECT_URI = 'https://chatgpt.com/connector_platform_oauth_redirect';

/** Skip outcome for auth checks when the server has no OAuth. */
export function authOff(ctx: DoctorContext): CheckOutcome | undefined {
  const mode = ctx.state.auth.mode;
  if (mode === 'none' || mode === 'unknown') return skip('auth is off (the endpoint answers without a token)');
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export const challenge: Check = {
  id: 'auth.challenge',
  area: 'auth',
  run(ctx) {
    const auth = ctx.state.auth;
    if (auth.mode === 'json-rpc-error') {
      const error = ctx.state.firstContact?.reply?.error;
      return fail(
        `unauthenticated requests get HTTP 200 with JSON-RPC error ${String(error?.code)} "${error?.message ?? ''}" instead of HTTP 401`,
        'answer requests without a valid token with HTTP 401 and WWW-Authenticate: Bearer resource_metadata="https://<host>/.well-known/oauth-protected-resource/mcp" so clients start OAuth',
      );
    }
    if (auth.mode === 'mixed') return pass('mixed mode: initialize and tools/list are public; OAuth is per tool');
    const off = authOff(ctx);
    if (off) return off;
    const header = auth.wwwAuthenticate;
    if (!header) return fail('HTTP 401 without a WWW-Authenticate header', 'send WWW-Authenticate: Bearer resource_metadata="<PRM URL>" with every 401');
    const parsed = parseChallenge(header);
    if (!parsed || parsed.scheme.toLowerCase() !== 'bearer') return fail(`WWW-Authenticate is not a Bearer challenge: ${snippet(header)}`, 'use the Bearer scheme: WWW-Authenticate: Bearer resource_metadata="<PRM URL>"');
    const metadataUrl = parsed.params.resource_metadata;
    if (!metadataUrl) return warn('the 401 challenge has no resource_metadata parameter; clients must guess the PRM location', 'add resource_metadata="<PRM URL>" to WWW-Authenticate (required by the 2025-06-18 spec)', { header });
    try {
      auth.resourceMetadataUrl = new URL(metadataUrl).toString();
    } catch {
      return fail(`resource_metadata is not an absolute URL: ${metadataUrl}`, 'use the absolute PRM URL, e.g. https://<host>/.well-known/oauth-protected-resource/mcp');
    }
    return pass(`HTTP 401 with Bearer resource_metadata="${metadataUrl}"`, { header });
  },
};

export const protectedResourceMetadata: Check = {
  id: 'auth.prm',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const auth = ctx.state.auth;
    const urls = protectedResourceUrls(ctx.endpoint);
    const wellKnown = [urls.pathSuffixed, urls.root].filter((u): u is string => !!u);
    const candidates = [...new Set([auth.resourceMetadataUrl, ...wellKnown].filter((u): u is string => !!u))];
    const answers = new Map<string, string>();
    for (const url of candidates) {
      const got = await getJson(url, ctx.timeoutMs);
      const servers = got.json?.authorization_servers;
      const valid = Array.isArray(servers) && servers.length > 0 && servers.every((s) => typeof s === 'string');
      answers.set(url, valid ? 'ok' : got.status === 200 ? 'no authorization_servers' : got.http.ok ? `HTTP ${got.status}` : got.http.message);
      if (valid && !auth.prm) auth.prm = got.json;
    }
    const details = Object.fromEntries(answers);
    if (!auth.prm) return fail('no protected resource metadata (RFC 9728) found', `serve {"resource":"${ctx.endpoint}","authorization_servers":["<issuer>"]} at ${wellKnown.join(' and ')}`, details);
    if (auth.resourceMetadataUrl && answers.get(auth.resourceMetadataUrl) !== 'ok') return fail(`the resource_metadata URL from the 401 does not serve PRM (${answers.get(auth.resourceMetadataUrl)})`, `serve PRM at ${auth.resourceMetadataUrl}`, details);
    const missing = wellKnown.filter((u) => answers.get(u) !== 'ok');
    if (missing.length) return warn(`PRM missing at ${missing.join(', ')}`, `serve the same document at ${wellKnown.join(' and ')}; clients try the path-suffixed URL, then the root`, details);
    return pass(`PRM served at ${wellKnown.join(' and ')}`, details);
  },
};

export const prmResource: Check = {
  id: 'auth.prm-resource',
  area: 'auth',
  run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const prm = ctx.state.auth.prm;
    if (!prm) return skip('no PRM document');
    const resource = str(prm.resource);
    if (resource === ctx.endpoint) return pass(`resource = ${resource}`);
    return fail(
      `PRM resource is ${JSON.stringify(prm.resource)} but the endpoint is ${ctx.endpoint}; ChatGPT sends the endpoint as the resource and the token audience will not match`,
      `set resource to exactly ${ctx.endpoint} (set server.publicUrl when behind a proxy)`,
    );
  },
};

export const authorizationServerMetadata: Check = {
  id: 'auth.as-metadata',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const auth = ctx.state.auth;
    const servers = auth.prm?.authorization_servers;
    const issuer = Array.isArray(servers) ? str(servers[0]) : undefined;
    if (!issuer) return skip('no authorization server named in PRM');
    auth.issuer = issuer;
    let urls;
    try {
      urls = authorizationServerUrls(issuer);
    } catch {
      return fail(`authorization_servers[0] is not a URL: ${issuer}`, 'list the issuer URL of your authorization server');
    }
    const rfc = await getJson(urls.rfc8414, ctx.timeoutMs);
    let oidc: Awaited<ReturnType<typeof getJson>> | undefined;
    for (const url of urls.oidc) {
      oidc = await getJson(url, ctx.timeoutMs);
      if (oidc.json) break;
    }
    auth.asMetadata = rfc.json ?? oidc?.json;
    const details = { rfc8414: `${urls.rfc8414} → ${rfc.status || 'unreachable'}`, oidc: `${urls.oidc.join(' | ')} → ${oidc?.status || 'unreachable'}` };
    if (!auth.asMetadata) return fail(`no authorization server metadata at ${urls.rfc8414} or ${urls.oidc.join(', ')}`, 'serve RFC 8414 metadata at /.well-known/oauth-authorization-server (and /.well-known/openid-configuration)', details);
    if (!rfc.json) return warn(`AS metadata only at the OpenID Connect path; ${urls.rfc8414} → ${rfc.status}`, `serve the same metadata at ${urls.rfc8414} (MCP clients try RFC 8414 first)`, details);
    if (!oidc?.json) return warn(`AS metadata only at the RFC 8414 path; ${urls.oidc[0]} → ${oidc?.status}`, `also serve it at ${urls.oidc[0]} (ChatGPT has been seen fetching both)`, details);
    return pass('AS metadata at the RFC 8414 and OpenID Connect paths', details);
  },
};

export const issuerMatches: Check = {
  id: 'auth.issuer',
  area: 'auth',
  run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const { asMetadata, issuer } = ctx.state.auth;
    if (!asMetadata || !issuer) return skip('no AS metadata');
    if (asMetadata.issuer === issuer) return pass(`issuer = ${issuer}`);
    return fail(
      `AS metadata issuer ${JSON.stringify(asMetadata.issuer)} differs from the PRM authorization_servers entry ${JSON.stringify(issuer)}; clients must reject the metadata`,
      'make the PRM authorization_servers entry and the metadata issuer the same string (watch trailing slashes and http vs https)',
    );
  },
};

/** A check that only looks at the AS metadata document found by auth.as-metadata. */
function metadataCheck(id: string, judge: (meta: Record<string, unknown>, ctx: DoctorContext) => CheckOutcome): Check {
  return {
    id,
    area: 'auth',
    run(ctx) {
      const off = authOff(ctx);
      if (off) return off;
      const meta = ctx.state.auth.asMetadata;
      return meta ? judge(meta, ctx) : skip('no AS metadata');
    },
  };
}

export const pkceS256: Check = metadataCheck('auth.pkce-s256', (meta) => {
  const methods = meta.code_challenge_methods_supported;
  if (Array.isArray(methods) && methods.includes('S256')) return pass('code_challenge_methods_supported includes S256');
  return fail(
    `code_challenge_methods_supported is ${JSON.stringify(methods ?? null)}: without S256 MCP clients must refuse this server and OpenAI treats it as unsupported`,
    'support PKCE S256 and advertise "code_challenge_methods_supported": ["S256"]',
  );
});

export const tokenAuthMethods: Check = metadataCheck('auth.token-auth-methods', (meta) => {
  const methods = meta.token_endpoint_auth_methods_supported;
  if (Array.isArray(methods) && methods.includes('none')) return pass(`token_endpoint_auth_methods_supported: ${methods.join(', ')}`);
  return warn(`token_endpoint_auth_methods_supported is ${JSON.stringify(methods ?? null)} (no "none" for public clients)`, 'accept public clients ("none" + PKCE); ChatGPT registers with token_endpoint_auth_method "none"');
});

export const cimdAdvertised: Check = metadataCheck('auth.cimd', (meta) => {
  if (meta.client_id_metadata_document_supported === true) return pass('client ID metadata documents (CIMD) advertised');
  return warn('CIMD not advertised (client_id_metadata_document_supported)', 'accept https client_id URLs (e.g. https://chatgpt.com/oauth/client.json) and advertise client_id_metadata_document_supported: true; 2026-07-28 deprecates DCR');
});

export const dynamicRegistration: Check = {
  id: 'auth.dcr',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const auth = ctx.state.auth;
    const meta = auth.asMetadata;
    if (!meta) return skip('no AS metadata');
    const endpoint = str(meta.registration_endpoint);
    if (!endpoint) {
      if (meta.client_id_metadata_document_supported === true) return skip('no registration_endpoint (clients use CIMD)');
      return fail('no registration_endpoint and no CIMD: ChatGPT has no way to register', 'enable dynamic client registration (RFC 7591) or CIMD');
    }
    const got = await postJson(endpoint, {
      client_name: 'mcp-devmode doctor',
      redirect_uris: [CHATGPT_REDIRECT_URI],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }, ctx.timeoutMs);
    const clientId = str(got.json?.client_id);
    if ((got.status === 201 || got.status === 200) && clientId) {
      auth.client = { clientId, redirectUri: CHATGPT_REDIRECT_URI };
      const method = got.json?.token_endpoint_auth_method;
      if (method !== undefined && method !== 'none') return warn(`registered, but as token_endpoint_auth_method ${JSON.stringify(method)}`, 'honour token_endpoint_auth_method "none" for public clients');
      return pass(`DCR → ${got.status}, public client registered with the ChatGPT redirect URI`);
    }
    const why = got.http.ok ? `HTTP ${got.status} ${snippet(got.http.text, 120)}` : got.http.message;
    return fail(`DCR with redirect_uris ["${CHATGPT_REDIRECT_URI}"] and token_endpoint_auth_method "none" failed: ${why}`, 'accept that registration (201 with a client_id); ChatGPT registers exactly this way');
  },
};

/** Authorization request parameters as ChatGPT sends them (scope optional). */
export function authorizeUrl(ctx: DoctorContext, opts: { challenge: string; state: string; scope?: string }): string | undefined {
  const { asMetadata, client } = ctx.state.auth;
  const endpoint = str(asMetadata?.authorization_endpoint);
  if (!endpoint || !client) return undefined;
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('code_challenge', opts.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', opts.state);
  url.searchParams.set('resource', ctx.endpoint);
  if (opts.scope) url.searchParams.set('scope', opts.scope);
  return url.toString();
}

export const authorizeWithoutScope: Check = {
  id: 'auth.authorize-no-scope',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const { client } = ctx.state.auth;
    const url = authorizeUrl(ctx, { challenge: createPkcePair().challenge, state: randomState() });
    if (!url || !client) return skip('no registered client or authorization_endpoint to try');
    const res = await probe(url, { method: 'GET', headers: { accept: 'text/html' }, timeoutMs: ctx.timeoutMs });
    if (!res.ok) return fail(`authorization endpoint: ${res.message}`, res.fix);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const target = new URL(location, url);
      if (isRedirectTo(target, client.redirectUri)) {
        const error = target.searchParams.get('error');
        if (error) return fail(`an authorization request without scope is refused: ${error} ${target.searchParams.get('error_description') ?? ''}`.trim(), 'default the scope when it is absent (ChatGPT reconnects without one)');
        return pass('an authorization request without scope is accepted');
      }
      return pass(`an authorization request without scope is accepted (→ ${target.pathname})`);
    }
    if (res.status === 200) return pass('an authorization request without scope shows the sign-in page');
    return fail(`an authorization request without scope → HTTP ${res.status} ${snippet(res.text)}`, 'default the scope when it is absent (ChatGPT reconnects without one)');
  },
};

export const discoveryOffWithoutAuth: Check = {
  id: 'auth.discovery-off',
  area: 'auth',
  async run(ctx) {
    const mode = ctx.state.auth.mode;
    if (mode !== 'none') return skip(mode === 'unknown' ? 'auth mode unknown' : 'auth is on');
    const prm = protectedResourceUrls(ctx.endpoint);
    const origin = new URL(ctx.endpoint).origin;
    const urls = [prm.pathSuffixed, prm.root, `${origin}/.well-known/oauth-authorization-server`, `${origin}/.well-known/openid-configuration`].filter((u): u is string => !!u);
    const answering: string[] = [];
    for (const url of urls) {
      const got = await getJson(url, ctx.timeoutMs);
      if (got.status === 200) answering.push(new URL(url).pathname);
    }
    if (answering.length) {
      return fail(
        `auth looks off (no 401, and no tool declares oauth2 securitySchemes) but ${answering.join(', ')} answer 200; ChatGPT then tries OAuth and a no-auth connector fails`,
        'answer the OAuth discovery routes with 404 when the server has no auth; if some tools need sign-in (mixed mode), declare _meta.securitySchemes on every tool ([{"type":"oauth2","scopes":[…]}] or [{"type":"noauth"}])',
        { answering },
      );
    }
    return pass('auth is off and the OAuth discovery routes answer 404');
  },
};
