// The OAuth layer the server mounts: routes (discovery, authorization server, login page) and the
// bearer check run before MCP dispatch. One place wires the pieces of this folder together.
import type { IncomingMessage } from 'node:http';
import { quietWhenIdle } from './quiet-context.js';
import express, { type Router } from 'express';
import type { McpConfig } from '../../config/types.js';
import { ANONYMOUS, type AuthDecision, type AuthLayer as ServerAuthLayer } from '../http/auth-hook.js';
import type { Logger } from '../logger.js';
import type { ToolAuthChallenge } from '../runtime.js';
import type { AuthInfo } from '../tools/types.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/types.js';
import { bearerChallenge } from './challenge.js';
import { guardedMetadataFetch, type FetchLike } from './cimd-fetch.js';
import { interactionRouter } from './interaction.js';
import { loadKeys } from './keys.js';
import { protectedResourceHandler } from './protected-resource.js';
import type { createProvider } from './provider.js';
import { importProviderModule } from './load-provider.js';
import { publicUrls, resourceMetadataPath, type PublicUrls } from './public-url.js';
import { oauthSettings, type OAuthSettings } from './settings.js';
import { TokenVerifier, type VerifyResult } from './token-verifier.js';
import { AuthSetupError, createUserDirectory } from './user-directory.js';

export type { AuthDecision };

/**
 * The server's auth seam (src/runtime/http/auth-hook.ts) plus what tests and doctor use.
 * authenticate(): no token → 401 (or anonymous when some tools are public: mixed mode, where the
 * runtime answers per tool with `_meta["mcp/www_authenticate"]`); bad token → 401 invalid_token;
 * token lacking `requiredScopes` → 403 insufficient_scope.
 */
export interface AuthLayer extends ServerAuthLayer {
  readonly enabled: boolean;
  /** Mounted at the app root by install(). */
  readonly router: Router;
  readonly urls?: PublicUrls;
  install(app: express.Express): void;
  authenticate(req: IncomingMessage, options?: { requiredScopes?: readonly string[] }): AuthDecision | Promise<AuthDecision>;
  /** HTTP 403 decision for a token that lacks scopes, or undefined when it has them all. */
  checkScopes(auth: AuthInfo, requiredScopes: readonly string[]): AuthDecision | undefined;
  readonly toolChallenge: ToolAuthChallenge;
  close(): Promise<void>;
}

export interface AuthLayerOptions {
  readonly logger: Logger;
  /** An open store to use (the layer then does not close it). Default: opens config.storage. */
  readonly store?: Store;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides the public origin (tests that listen on an ephemeral port). */
  readonly publicOrigin?: string;
  /** The port actually served (--port), for the http://localhost:PORT fallback issuer. */
  readonly port?: number;
  /** Fetch for client metadata documents; default: the SSRF-guarded fetch. Tests only. */
  readonly fetch?: FetchLike;
}

const DISCOVERY_PATHS = ['/.well-known/oauth-protected-resource', '/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];

function disabledLayer(): AuthLayer {
  const router = express.Router();
  // Auth off: discovery documents do not exist, so clients connect without OAuth.
  const notFound: express.RequestHandler = (_req, res) => {
    res.status(404).json({ error: 'not_found', error_description: 'This server does not use OAuth.' });
  };
  for (const p of DISCOVERY_PATHS) {
    router.get(p, notFound);
    router.get(`${p}/*rest`, notFound);
  }
  return {
    enabled: false,
    router,
    install: (app) => void app.use(router),
    authenticate: () => ANONYMOUS,
    checkScopes: () => undefined,
    toolChallenge: () => 'Bearer',
    close: async () => {},
  };
}

export async function createAuthLayer(config: McpConfig, options: AuthLayerOptions): Promise<AuthLayer> {
  if (config.auth.mode !== 'oauth') return disabledLayer();
  const { logger } = options;
  const env = options.env ?? process.env;
  const settings: OAuthSettings = oauthSettings(config.auth);
  const server = {
    ...config.server,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.publicOrigin ? { publicUrl: options.publicOrigin } : {}),
  };
  const urls = publicUrls(server, env);
  if (urls.warning && server.port === 0) {
    throw new AuthSetupError('no_issuer', 'OAuth needs a known address, but the port is 0 (any free port) and no public URL is set.', 'Pass --port 8080 (or any fixed port), or set server.publicUrl / BASE_URL.');
  }
  if (urls.warning) logger.warn(urls.warning);
  else logger.info({ issuer: urls.issuer, source: urls.source }, 'OAuth issuer');

  const ownsStore = !options.store;
  const store = options.store ?? (await openStore(config.storage, config.baseDir));
  try {
    const users = await createUserDirectory(settings, store, logger, env);
    const keys = await loadKeys(store, env);
    const { createProvider, INTERACTION_PATH } = await importProviderModule();
    const provider = createProvider({ urls, settings, keys, store, users, logger, corsOrigins: config.server.corsOrigins, fetch: options.fetch ?? guardedMetadataFetch() });
    const verifier = new TokenVerifier({ issuer: urls.issuer, audience: urls.resource, publicJwks: keys.publicJwks, store });
    provider.on('grant.revoked', (_ctx: unknown, grantId: string) => verifier.grantRevoked(grantId));

    const router = buildRouter({ config, settings, urls, provider, users, store, csrfKey: keys.csrfKey, logger, interactionPath: INTERACTION_PATH });
    const challenge = (error?: 'invalid_token' | 'insufficient_scope', description?: string, scopes: readonly string[] = settings.scopes) =>
      bearerChallenge({ resourceMetadataUrl: urls.resourceMetadataUrl, scopes, ...(error ? { error } : {}), ...(description ? { description } : {}) });
    const reject = (status: 401 | 403, error: 'invalid_token' | 'insufficient_scope' | undefined, description: string, scopes?: readonly string[]): AuthDecision => ({
      kind: 'reject',
      status,
      wwwAuthenticate: challenge(error, error ? description : undefined, scopes),
      message: description,
    });
    const checkScopes = (auth: AuthInfo, required: readonly string[]): AuthDecision | undefined => {
      const missing = required.filter((s) => !auth.scopes.includes(s));
      return missing.length ? reject(403, 'insufficient_scope', `This needs the scope(s): ${missing.join(' ')}.`, required) : undefined;
    };
    const mixed = config.tools.some((t) => t.auth === 'none');
    const noToken = reject(401, undefined, 'Sign in first: this server needs an OAuth access token.');
    const notBearer = reject(401, 'invalid_token', 'Send the access token as "Authorization: Bearer <token>".');
    const cleanup = setInterval(() => void store.deleteExpired().catch(() => {}), 10 * 60_000);
    cleanup.unref();

    return {
      enabled: true,
      router,
      urls,
      install: (app) => void app.use(router),
      // Hot path: a recently verified token is answered synchronously (no promise, no store read).
      authenticate(req, opts = {}) {
        const header = req.headers.authorization;
        if (!header) return mixed ? ANONYMOUS : noToken;
        if (header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') return notBearer;
        const token = header.slice(7).trim();
        const decide = (result: VerifyResult): AuthDecision => {
          if (!result.ok) return reject(401, 'invalid_token', result.description);
          return (opts.requiredScopes && checkScopes(result.auth, opts.requiredScopes)) || { kind: 'authenticated', auth: result.auth };
        };
        const fast = verifier.cached(token);
        return fast ? decide(fast) : verifier.verify(token).then(decide);
      },
      checkScopes,
      // OpenAI's per-tool challenge needs both error and error_description.
      toolChallenge(tool, missing, auth) {
        const scopes = missing.length ? missing : settings.scopes;
        const description = auth ? `The tool ${tool.name} needs the scope(s) ${scopes.join(' ')}.` : `Sign in to use the tool ${tool.name}.`;
        return challenge('insufficient_scope', description, scopes);
      },
      async close() {
        clearInterval(cleanup);
        if (ownsStore) await store.close();
      },
    };
  } catch (err) {
    if (ownsStore) await store.close().catch(() => {});
    throw err;
  }
}

interface RouterDeps {
  readonly config: McpConfig;
  readonly settings: OAuthSettings;
  readonly urls: PublicUrls;
  readonly provider: ReturnType<typeof createProvider>;
  readonly users: Awaited<ReturnType<typeof createUserDirectory>>;
  readonly store: Store;
  readonly csrfKey: Buffer;
  readonly logger: Logger;
  readonly interactionPath: string;
}

function buildRouter(d: RouterDeps): Router {
  const router = express.Router();
  const prm = protectedResourceHandler(d.urls, d.settings.scopes, d.config.title ?? d.config.name);
  router.get('/.well-known/oauth-protected-resource', prm);
  router.get(resourceMetadataPath(d.config.server.path || '/mcp'), prm);

  const oidc = quietWhenIdle(d.provider.callback());
  // RFC 8414 document: the same content oidc-provider serves as OpenID discovery.
  router.get('/.well-known/oauth-authorization-server', (req, res) => {
    req.url = '/.well-known/openid-configuration';
    res.set('Access-Control-Allow-Origin', '*');
    oidc(req, res);
  });
  router.get('/.well-known/openid-configuration', (_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });

  router.use(d.interactionPath, interactionRouter({ provider: d.provider, users: d.users, store: d.store, settings: d.settings, urls: d.urls, csrfKey: d.csrfKey, logger: d.logger }));

  // A request without `scope` (ChatGPT on reconnect) gets the configured scopes.
  router.get('/oauth/authorize', (req, _res, next) => {
    const url = new URL(req.url, 'http://x');
    if (!url.searchParams.get('scope')) {
      url.searchParams.set('scope', d.settings.scopes.join(' '));
      req.url = url.pathname + url.search;
    }
    next();
  });
  router.use((req, res, next) => {
    if (req.path.startsWith('/oauth/') || req.path === '/.well-known/openid-configuration') {
      res.set('X-Frame-Options', 'DENY');
      oidc(req, res);
      return;
    }
    next();
  });
  return router;
}
