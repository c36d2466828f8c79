// Auth flow (--login): sign in headlessly, then check iss, the token, refresh rotation and reuse refusal.
import { decodeJwt } from 'jose';
import { fail, pass, skip, warn, type Check, type DoctorContext } from '../context.js';
import { McpWire, sessionFrom, snippet } from '../http/mcp-wire.js';
import { postForm } from '../oauth/endpoints.js';
import { completeAuthorization } from '../oauth/login-flow.js';
import { createPkcePair, randomState } from '../oauth/pkce.js';
import { parseChallenge } from '../oauth/www-authenticate.js';
import { authOff, authorizeUrl } from './auth-discovery.js';
import { declaredSchemes } from './tools.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function tokenEndpoint(ctx: DoctorContext): string | undefined {
  return str(ctx.state.auth.asMetadata?.token_endpoint);
}

/** One refresh_token grant as ChatGPT sends it (public client, resource indicator). */
function refresh(ctx: DoctorContext, tokenUrl: string, clientId: string, refreshToken: string) {
  return postForm(tokenUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, resource: ctx.endpoint }, ctx.timeoutMs);
}

export const login: Check = {
  id: 'auth.login',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return ctx.options.login ? skip('--login given but the server does not ask for OAuth') : off;
    const credentials = ctx.options.login;
    if (!credentials) return skip('run with --login user:pass to complete the OAuth flow and check tokens');
    const auth = ctx.state.auth;
    const tokenUrl = tokenEndpoint(ctx);
    const pkce = createPkcePair();
    const state = randomState();
    const scopes = auth.prm?.scopes_supported;
    const scope = Array.isArray(scopes) && scopes.every((s) => typeof s === 'string') && scopes.length ? scopes.join(' ') : undefined;
    const url = authorizeUrl(ctx, { challenge: pkce.challenge, state, scope });
    if (!url || !tokenUrl || !auth.client) return fail('cannot start the flow: no registered client, authorization_endpoint or token_endpoint', 'fix the auth checks above first');
    const flow = await completeAuthorization(url, auth.client.redirectUri, credentials, ctx.timeoutMs);
    if (!flow.ok) return fail(`sign-in did not complete: ${flow.reason}`, 'check the credentials; the login page needs a form with a password field and the consent page an Allow button', { steps: flow.steps });
    auth.callback = flow.callback;
    const error = flow.callback.get('error');
    if (error) return fail(`the authorization server redirected with error=${error} ${flow.callback.get('error_description') ?? ''}`.trim(), 'see the authorization server logs', { steps: flow.steps });
    if (flow.callback.get('state') !== state) return fail('the redirect did not return the state parameter unchanged', 'echo state exactly in the redirect to the client', { steps: flow.steps });
    const code = flow.callback.get('code');
    if (!code) return fail('the redirect carries no code', 'redirect to redirect_uri with ?code=…&state=…', { steps: flow.steps });
    const token = await postForm(tokenUrl, { grant_type: 'authorization_code', code, redirect_uri: auth.client.redirectUri, client_id: auth.client.clientId, code_verifier: pkce.verifier, resource: ctx.endpoint }, ctx.timeoutMs);
    const accessToken = str(token.json?.access_token);
    if (token.status !== 200 || !accessToken) {
      return fail(`token exchange failed: ${token.http.ok ? `HTTP ${token.status} ${snippet(token.http.text, 160)}` : token.http.message}`, 'accept authorization_code with PKCE verifier and the resource parameter for public clients', { steps: flow.steps });
    }
    auth.tokens = { accessToken, refreshToken: str(token.json?.refresh_token) };
    ctx.wire.token = accessToken;
    return pass(`signed in as ${credentials.username}: access token${auth.tokens.refreshToken ? ' and refresh token' : ''} issued`, { steps: flow.steps, expiresIn: token.json?.expires_in ?? null, scope: token.json?.scope ?? null });
  },
};

export const issReturned: Check = {
  id: 'auth.iss',
  area: 'auth',
  run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const { asMetadata, issuer, callback } = ctx.state.auth;
    if (!asMetadata) return skip('no AS metadata');
    const advertised = asMetadata.authorization_response_iss_parameter_supported === true;
    const iss = callback?.get('iss') ?? undefined;
    if (callback && iss !== undefined && iss !== issuer) return fail(`the redirect returned iss=${iss}, not the issuer ${String(issuer)}`, 'return iss equal to the metadata issuer exactly');
    if (advertised && callback && iss === undefined) return fail('authorization_response_iss_parameter_supported is true but the redirect has no iss', 'add iss=<issuer> to every authorization response (RFC 9207)');
    if (advertised) return pass(callback ? 'iss returned in the authorization response and advertised' : 'authorization_response_iss_parameter_supported: true (use --login to see it in a redirect)');
    if (iss !== undefined) return warn('iss is returned but not advertised', 'advertise authorization_response_iss_parameter_supported: true so ChatGPT uses its stable redirect URI');
    return warn('the authorization server does not advertise RFC 9207 iss', 'return iss in every authorization response and advertise authorization_response_iss_parameter_supported: true (OpenAI recommends it)');
  },
};

/** The aud claim when the token is a JWT (read, not verified: the server verifies, doctor only reports). */
function jwtAudience(token: string): string[] | undefined {
  try {
    const aud = decodeJwt(token).aud;
    return aud === undefined ? undefined : Array.isArray(aud) ? aud : [aud];
  } catch {
    return undefined;
  }
}

export const tokenWorks: Check = {
  id: 'auth.token',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const tokens = ctx.state.auth.tokens;
    if (!tokens) return skip('no token (run with --login user:pass)');
    const exchange = await ctx.wire.initialize('2025-06-18');
    const audience = jwtAudience(tokens.accessToken);
    if (audience && !audience.includes(ctx.endpoint)) {
      return fail(`the access token's aud is ${JSON.stringify(audience)}, not the endpoint ${ctx.endpoint}`, 'bind tokens to the resource the client asked for (RFC 8707): aud = the MCP endpoint URL');
    }
    const bound = audience ? ` (JWT aud = ${ctx.endpoint})` : ' (opaque token)';
    if (exchange.reply?.result) return pass(`the access token opens the MCP endpoint${bound}`);
    const status = exchange.http.ok ? exchange.http.status : 0;
    return fail(`the fresh access token is refused: ${exchange.problem ?? `HTTP ${status}`}`, 'accept tokens issued for this resource (audience = the MCP endpoint URL)');
  },
};

export const invalidTokenRefused: Check = {
  id: 'auth.invalid-token',
  area: 'auth',
  async run(ctx) {
    const mode = ctx.state.auth.mode;
    if (mode !== 'oauth' && mode !== 'mixed') return skip('only checked when the server uses OAuth');
    const exchange = await ctx.wire.initialize('2025-06-18', { authorization: 'Bearer not-a-real-token' });
    const http = exchange.http;
    if (!http.ok) return fail(http.message, http.fix);
    if (http.status === 401) return pass('an invalid token → 401');
    const fix = 'verify every presented token (signature or lookup, expiry, audience) and answer 401 with WWW-Authenticate: Bearer error="invalid_token"';
    // In mixed mode anonymous requests are fine, but a bad token should still be refused so clients refresh it.
    if (exchange.reply?.result) return mode === 'mixed' ? warn('an invalid bearer token is ignored (served as anonymous) instead of 401', fix) : fail('an invalid bearer token is accepted', fix);
    return warn(`an invalid token → HTTP ${http.status} instead of 401`, fix);
  },
};

export const refreshRotates: Check = {
  id: 'auth.refresh-rotates',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const auth = ctx.state.auth;
    const tokens = auth.tokens;
    if (!tokens) return skip('no token (run with --login user:pass)');
    if (!tokens.refreshToken) return warn('no refresh token was issued; users must sign in again whenever the access token expires', 'issue refresh tokens to ChatGPT (e.g. grant refresh_token / offline_access)');
    const tokenUrl = tokenEndpoint(ctx);
    if (!tokenUrl || !auth.client) return skip('no token endpoint');
    const got = await refresh(ctx, tokenUrl, auth.client.clientId, tokens.refreshToken);
    const access = str(got.json?.access_token);
    if (got.status !== 200 || !access) return fail(`refresh failed: ${got.http.ok ? `HTTP ${got.status} ${snippet(got.http.text, 160)}` : got.http.message}`, 'accept grant_type=refresh_token for public clients');
    const newRefresh = str(got.json?.refresh_token);
    auth.tokens = { accessToken: access, refreshToken: newRefresh ?? tokens.refreshToken };
    ctx.wire.token = access;
    if (!newRefresh || newRefresh === tokens.refreshToken) return fail('refreshing returned no new refresh token: public clients\' refresh tokens must rotate (OAuth 2.1 §4.3.1)', 'issue a new refresh token on every refresh and revoke the old one');
    auth.rotatedFrom = tokens.refreshToken;
    return pass('refresh works and rotates the refresh token');
  },
};

export const refreshReuseRefused: Check = {
  id: 'auth.refresh-reuse',
  area: 'auth',
  async run(ctx) {
    const off = authOff(ctx);
    if (off) return off;
    const auth = ctx.state.auth;
    const old = auth.rotatedFrom;
    const tokenUrl = tokenEndpoint(ctx);
    if (!old || !tokenUrl || !auth.client) return skip('no rotated refresh token to replay');
    const got = await refresh(ctx, tokenUrl, auth.client.clientId, old);
    if (got.status === 400 || got.status === 401) return pass(`the old refresh token is refused (${str(got.json?.error) ?? `HTTP ${got.status}`})`);
    if (got.status === 200) return fail('the old refresh token still works after rotation', 'revoke a refresh token once it has been used (replay detection)');
    return warn(`replaying the old refresh token → HTTP ${got.status}`, 'answer a reused refresh token with 400 invalid_grant');
  },
};

export const authFlowChecks: readonly Check[] = [login, issReturned, tokenWorks, invalidTokenRefused, refreshRotates, refreshReuseRefused];

/** Placeholder arguments that satisfy a tool's required properties, so the call reaches the auth check. */
export function placeholderArguments(schema: unknown): Record<string, unknown> {
  const s = (typeof schema === 'object' && schema !== null ? schema : {}) as { properties?: Record<string, { type?: unknown; enum?: unknown[]; default?: unknown }>; required?: unknown };
  const args: Record<string, unknown> = {};
  for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
    const prop = s.properties?.[name] ?? {};
    const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    args[name] = prop.default ?? prop.enum?.[0] ?? (type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? false : type === 'array' ? [] : type === 'object' ? {} : 'test');
  }
  return args;
}

/** OpenAI mixed mode: a protected tool called without a token answers with a tool-level challenge. */
export const toolChallenge: Check = {
  id: 'auth.tool-challenge',
  area: 'auth',
  async run(ctx) {
    if (ctx.state.auth.mode !== 'mixed') return skip('only for mixed mode (public endpoint, per-tool OAuth)');
    const tool = ctx.state.tools?.find((t) => declaredSchemes(t)?.some((s) => (s as { type?: unknown } | null)?.type === 'oauth2'));
    if (!tool || typeof tool.name !== 'string') return skip('no tool declares an oauth2 security scheme to try');
    const anonymous = new McpWire(ctx.endpoint, ctx.timeoutMs, () => undefined);
    const version = ctx.state.session?.version;
    const params = { name: tool.name, arguments: placeholderArguments(tool.inputSchema) };
    let exchange;
    if (version) {
      const session = sessionFrom(await anonymous.initialize(version), version);
      await anonymous.notify('notifications/initialized', session);
      exchange = await anonymous.legacyRequest('tools/call', params, session);
    } else {
      exchange = await anonymous.modernRequest('tools/call', params);
    }
    const http = exchange.http;
    if (!http.ok) return fail(http.message, http.fix);
    const result = exchange.reply?.result;
    const meta = result?._meta as Record<string, unknown> | undefined;
    const challenges = meta?.['mcp/www_authenticate'];
    const fix = `answer with isError: true and _meta["mcp/www_authenticate"]: ["Bearer resource_metadata=\\"…\\", error=\\"insufficient_scope\\", error_description=\\"…\\""]`;
    if (Array.isArray(challenges) && typeof challenges[0] === 'string') {
      const parsed = parseChallenge(challenges[0]);
      if (result?.isError === true && parsed?.params.error && parsed.params.error_description) return pass(`${tool.name} without a token → isError with an mcp/www_authenticate challenge (${parsed.params.error})`);
      return warn(`${tool.name} without a token returns a challenge lacking isError, error or error_description`, fix);
    }
    if (http.status === 401) return warn(`${tool.name} without a token → HTTP 401 instead of a tool-level challenge`, fix);
    if (result && result.isError !== true) return fail(`${tool.name} declares oauth2 but ran without a token`, 'refuse protected tools without a valid token: ' + fix);
    return warn(`${tool.name} without a token → ${exchange.problem ?? 'an error without an mcp/www_authenticate challenge'}`, fix);
  },
};
