// The login + consent step of the authorization flow (GET shows the page, POST decides).
// Allow → grant the requested scopes for the MCP resource and resume the flow; Deny → access_denied.
import express, { type Request, type Response, type Router } from 'express';
import type Provider from 'oidc-provider';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { CsrfGuard } from './csrf.js';
import { LoginLimiter } from './login-limiter.js';
import { renderConsentPage, renderErrorPage, type ConsentView } from './pages.js';
import type { PublicUrls } from './public-url.js';
import type { OAuthSettings } from './settings.js';
import type { UserDirectory } from './user-directory.js';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

const MAX_FIELD = 512;

export interface InteractionDeps {
  readonly provider: Provider;
  readonly users: UserDirectory;
  readonly store: Store;
  readonly settings: OAuthSettings;
  readonly urls: PublicUrls;
  readonly csrfKey: Buffer;
  readonly logger: Logger;
}

export function interactionRouter(deps: InteractionDeps): Router {
  const { provider, users, store, settings, urls, logger } = deps;
  const csrf = new CsrfGuard(deps.csrfKey, urls.issuer.startsWith('https:'));
  const limiter = new LoginLimiter(settings.loginRateLimit.max, settings.loginRateLimit.windowSeconds);
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });

  const send = (res: Response, status: number, page: string) => res.status(status).set(PAGE_HEADERS).send(page);

  const details = async (req: Request, res: Response): Promise<Details | undefined> => {
    try {
      const d = await provider.interactionDetails(req, res);
      if (d.uid !== req.params.uid) throw new Error('uid mismatch');
      return d;
    } catch {
      send(res, 400, renderErrorPage('invalid_request', 'This sign-in has expired, was replaced by a newer one in this browser, or was opened in another browser. Go back to the app and connect again.'));
      return undefined;
    }
  };

  const view = async (req: Request, res: Response, d: Details, extra: { error?: string; email?: string } = {}): Promise<ConsentView> => {
    const clientId = String(d.params.client_id);
    const client = await provider.Client.find(clientId);
    const requested = String(d.params.scope ?? '').split(' ').filter((s) => settings.scopes.includes(s));
    let redirectHost = '';
    try {
      redirectHost = new URL(String(d.params.redirect_uri)).host;
    } catch {
      redirectHost = String(d.params.redirect_uri ?? '');
    }
    const mode: ConsentView['mode'] = d.prompt.name === 'login' ? (users.kind === 'demo' ? 'demo' : 'login') : 'consent';
    return {
      action: `${req.baseUrl}/${encodeURIComponent(d.uid)}`,
      csrf: csrf.issue(req, res, d.uid),
      clientName: (client?.clientName as string | undefined) || clientId,
      clientId,
      ...(client?.clientUri ? { clientUri: String(client.clientUri) } : {}),
      redirectHost,
      scopes: requested.map((name) => ({ name, ...(settings.scopeDescriptions[name] ? { description: settings.scopeDescriptions[name] } : {}) })),
      mode,
      ...(d.session?.accountId ? { signedInAs: String(d.session.accountId) } : {}),
      ...extra,
    };
  };

  router.get('/:uid', async (req, res, next) => {
    try {
      const d = await details(req, res);
      if (!d) return;
      send(res, 200, renderConsentPage(await view(req, res, d)));
    } catch (err) {
      next(err);
    }
  });

  router.post('/:uid', form, async (req, res, next) => {
    try {
      const d = await details(req, res);
      if (!d) return;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, MAX_FIELD) : '');
      const clientId = String(d.params.client_id);
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';

      if (!csrf.verify(req, d.uid, body.csrf)) {
        send(res, 403, renderErrorPage('invalid_request', 'The form expired or did not come from this page. Reload the page and try again.'));
        return;
      }

      if (field('decision') !== 'allow') {
        await store.audit({ type: 'consent_denied', clientId, ip, ...(d.session?.accountId ? { subject: String(d.session.accountId) } : {}) });
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied access.' }, { mergeWithLastSubmission: false });
        return;
      }

      let accountId = d.session?.accountId ? String(d.session.accountId) : undefined;
      const loginNeeded = d.prompt.name === 'login' || !accountId;
      if (loginNeeded) {
        const email = field('email').trim().toLowerCase();
        const password = field('password');
        const accountKey = users.kind === 'demo' ? 'demo' : email;
        const wait = limiter.blockedFor(ip, accountKey);
        if (wait > 0) {
          await store.audit({ type: 'login_rate_limited', subject: email || undefined, clientId, ip });
          res.set('Retry-After', String(wait));
          send(res, 429, renderConsentPage(await view(req, res, d, { email, error: `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).` })));
          return;
        }
        const account = users.kind === 'demo' || (email && password) ? await users.signIn(email, password).catch((err: Error) => {
          logger.warn({ err: err.message }, 'sign-in backend failed');
          return null;
        }) : null;
        if (!account) {
          limiter.failed(ip, accountKey);
          await store.audit({ type: 'login_failed', subject: email || undefined, clientId, ip });
          send(res, 401, renderConsentPage(await view(req, res, d, { email, error: 'Wrong email or password.' })));
          return;
        }
        limiter.succeeded(accountKey);
        await store.audit({ type: 'login_ok', subject: account.id, clientId, ip });
        accountId = account.id;
      }

      const grantId = await grantRequested(provider, d, accountId!, clientId, settings, urls);
      const result = loginNeeded ? { login: { accountId: accountId! }, consent: { grantId } } : { consent: { grantId } };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    } catch (err) {
      next(err);
    }
  });

  // Anything unexpected still ends on a friendly page, never a stack trace.
  router.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const status = (err as { status?: number })?.status;
    if (status && status >= 400 && status < 500) {
      if (!res.headersSent) send(res, status, renderErrorPage('invalid_request', 'The form could not be read. Reload the page and try again.'));
      return;
    }
    logger.error({ err: (err as Error)?.message }, 'login page failed');
    if (!res.headersSent) send(res, 500, renderErrorPage('server_error', 'Something went wrong while signing in. Go back to the app and try again.'));
  });

  return router;
}

/** Grants exactly what was asked (within what we offer) for the requested MCP resource. */
async function grantRequested(provider: Provider, d: Details, accountId: string, clientId: string, settings: OAuthSettings, urls: PublicUrls): Promise<string> {
  const existing = d.grantId ? await provider.Grant.find(d.grantId) : undefined;
  const grant = existing && existing.accountId === accountId ? existing : new provider.Grant({ accountId, clientId });
  const requested = String(d.params.scope ?? '').split(' ').filter(Boolean);
  const resourceScopes = requested.filter((s) => settings.scopes.includes(s));
  // Our scopes are listed as provider scopes too (so discovery advertises them), hence granted twice.
  const oidcScopes = requested.filter((s) => s === 'openid' || s === 'offline_access' || settings.scopes.includes(s));
  if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
  // resource was validated by the authorization endpoint (only our MCP URL is accepted).
  const resources = d.params.resource ? (Array.isArray(d.params.resource) ? d.params.resource : [d.params.resource]) : [urls.resource];
  for (const resource of resources) grant.addResourceScope(String(resource), resourceScopes.join(' '));
  return grant.save();
}
