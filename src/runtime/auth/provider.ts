// Builds the oidc-provider instance with tightened defaults: authorization code + PKCE S256 only,
// refresh rotation with reuse detection, RFC 8707 audience binding, RFC 9068 JWT access tokens,
// DCR without registration access tokens, CIMD through our SSRF-guarded fetch.
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { storeAdapter } from './adapter.js';
import { clientSecretMatches, hashClientSecret } from './client-secret.js';
import type { AuthKeys } from './keys.js';
import type { PublicUrls } from './public-url.js';
import { renderErrorPage } from './pages.js';
import type { OAuthSettings } from './settings.js';
import type { UserDirectory } from './user-directory.js';
import { assertRedirectUrisAllowed } from './redirect-policy.js';
import { auditProviderEvents } from './audit-events.js';
import { enforceHostPrefix, HOST_PREFIX, resumeGuard } from './host-cookies.js';

export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  end_session: '/oauth/logout',
  userinfo: '/oauth/userinfo',
} as const;

export const INTERACTION_PATH = '/oauth/interaction';

// A client-metadata key of our own: oidc-provider calls its validator for every client, which is
// where the redirect URI policy (https, or http on loopback) is enforced.
const REDIRECT_POLICY_KEY = 'mcp_redirect_policy';

export interface ProviderDeps {
  readonly urls: PublicUrls;
  readonly settings: OAuthSettings;
  readonly keys: AuthKeys;
  readonly store: Store;
  readonly users: UserDirectory;
  readonly logger: Logger;
  /** server.corsOrigins: browser origins allowed to call the token endpoint. */
  readonly corsOrigins?: readonly string[];
  /** Fetch used for Client ID Metadata Documents (SSRF-guarded). */
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
}

export function createProvider(deps: ProviderDeps): Provider {
  const { urls, settings, keys, store, users } = deps;
  const secure = urls.issuer.startsWith('https:');
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure };
  const prefix = secure ? HOST_PREFIX : '';
  const resourceServer = {
    scope: settings.scopes.join(' '),
    audience: urls.resource,
    accessTokenTTL: settings.accessTokenTtl,
    accessTokenFormat: 'jwt' as const,
    jwt: { sign: { alg: 'RS256' as const } },
  };

  const configuration: Configuration = {
    adapter: storeAdapter(store) as unknown as Configuration['adapter'],
    clients: settings.clients.map((c) => ({
      client_id: c.id,
      ...(c.name ? { client_name: c.name } : {}),
      redirect_uris: [...c.redirectUris],
      ...(c.secret ? { client_secret: hashClientSecret(c.secret), token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    // client_secret_jwt needs the plain secret, which we never keep.
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', ...settings.scopes],
    claims: { openid: ['sub'], email: ['email'] },
    cookies: {
      // Over https all __Host- (Path=/ forced by enforceHostPrefix; see host-cookies.ts for the trade-off).
      names: {
        session: `${prefix}mcp_session`,
        interaction: `${prefix}mcp_interaction`,
        resume: `${prefix}mcp_resume`,
      },
      long: cookieOptions,
      short: cookieOptions,
      keys: keys.cookieKeys,
    },
    jwks: keys.jwks as Configuration['jwks'],
    routes: OAUTH_ROUTES,
    ttl: {
      AccessToken: settings.accessTokenTtl,
      AuthorizationCode: 60,
      RefreshToken: settings.refreshTokenTtl,
      // Grants outlive single refresh tokens: rotation keeps a connection alive.
      Grant: Math.max(settings.refreshTokenTtl, 365 * 86400),
      IdToken: 3600,
      Interaction: 600,
      Session: 14 * 86400,
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      userinfo: { enabled: false },
      introspection: { enabled: false },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      // A client may revoke only its own tokens.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      resourceIndicators: {
        enabled: true,
        // A request without `resource` still gets a token for this MCP endpoint only.
        defaultResource: () => urls.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== urls.resource) throw new errors.InvalidTarget('this authorization server only issues tokens for its own MCP endpoint');
          return resourceServer;
        },
      },
      clientIdMetadataDocument: { enabled: true, ack: 'draft-02', cacheDuration: { min: 60, max: 86400 } },
    },
    extraClientMetadata: {
      properties: [REDIRECT_POLICY_KEY],
      validator(_ctx, key, _value, metadata) {
        if (key === REDIRECT_POLICY_KEY) assertRedirectUrisAllowed((metadata as { redirect_uris?: unknown }).redirect_uris);
      },
    },
    formats: {
      customizers: {
        jwt(_ctx, token, jwt) {
          // Lets the resource side notice a revoked grant without a store read per request.
          const grantId = (token as { grantId?: string }).grantId;
          if (grantId) jwt.payload.gid = grantId;
        },
      },
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    revokeGrantPolicy: () => true,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = await users.findAccount(id);
      if (!account) return undefined;
      return { accountId: account.id, claims: async () => ({ sub: account.id, ...(account.email ? { email: account.email } : {}) }) };
    },
    renderError: async (ctx: KoaContextWithOIDC, out) => htmlError(ctx, String(out.error ?? 'error'), String(out.error_description ?? 'Something went wrong.')),
    fetch: deps.fetch as Configuration['fetch'],
    clockTolerance: 5,
    // Browser clients (e.g. MCP Inspector) may call the token endpoint from a configured origin,
    // or, for public clients, from the origin of one of their redirect URIs. ChatGPT needs no CORS.
    clientBasedCORS: (_ctx, origin, client) => {
      if (origin === 'null') return false;
      if (deps.corsOrigins?.includes(origin)) return true;
      return client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin);
    },
  };

  const provider = new Provider(urls.issuer, configuration);
  // Behind Fly/Render/Railway the TLS terminates at the proxy; trust X-Forwarded-Proto.
  provider.proxy = true;
  // Stored client secrets are hashes; compare hashes (never keep the plain secret).
  const clientProto = provider.Client.prototype as unknown as { compareClientSecret(actual: string): boolean; clientSecret?: string };
  clientProto.compareClientSecret = function compare(this: { clientSecret?: string }, actual: string) {
    return clientSecretMatches(this.clientSecret, actual);
  };
  if (secure) enforceHostPrefix(provider);
  provider.use(resumeGuard(provider, OAUTH_ROUTES.authorization, (ctx) => {
    ctx.status = 400;
    htmlError(ctx, 'invalid_request', 'A newer sign-in was started in this browser, so this one was cancelled. Go back to the app and connect again.');
  }));
  auditProviderEvents(provider, store, deps.logger);
  return provider;
}

function htmlError(ctx: Pick<KoaContextWithOIDC, 'type' | 'set' | 'body'>, error: string, description: string): void {
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  ctx.body = renderErrorPage(error, description);
}
