// Over https every cookie we set uses the __Host- prefix, which browsers accept only with Path=/,
// no Domain and Secure. oidc-provider 9 scopes its interaction and resume cookies to a path
// (/oauth/interaction/<uid>, /oauth/authorize/<uid>); a `path` in `cookies.short` would move the
// interaction cookie but not the resume cookie (its path is applied after the options). So the
// provider's cookie jar is wrapped to give every __Host- cookie the attributes the prefix requires.
// koa's `cookies` writes the `<name>.sig` companion with the same options, and re-signs (key
// rotation) or clears it through the same `set` with bare options, so those are covered too.
//
// Trade-off of Path=/: a browser holds one pending sign-in. A second authorization (another tab)
// replaces the first one's interaction and resume cookies; the first then ends on a friendly
// "connect again" page (the login page checks the cookie's uid against the URL; resumeGuard does
// the same for the resume URL, a check oidc-provider left to the cookie path), the second completes.
import type Provider from 'oidc-provider';

type Middleware = Parameters<Provider['use']>[0];
type Context = Parameters<Middleware>[0];

export const HOST_PREFIX = '__Host-';

const HOST_ATTRIBUTES = { path: '/', domain: undefined, secure: true, httpOnly: true, sameSite: 'lax' } as const;

/** Forces the __Host- attributes on every cookie named __Host-… that `provider` sets. */
export function enforceHostPrefix(provider: Provider): void {
  // Every ctx comes from createContext: the provider's requests, ctx.oidc.cookies, interactionDetails/Finished.
  const createContext = provider.createContext.bind(provider);
  provider.createContext = (req, res) => {
    const ctx = createContext(req, res);
    const jar = ctx.cookies;
    const set = jar.set.bind(jar);
    // No options means "unsigned" to koa's cookies; keep that meaning when adding ours.
    jar.set = (name, value, opts) => set(name, value, name.startsWith(HOST_PREFIX) ? { ...(opts ?? { signed: false }), ...HOST_ATTRIBUTES } : opts);
    return ctx;
  };
}

/**
 * oidc-provider resumes whichever interaction the resume cookie names, whatever uid the URL has:
 * refuse a resume URL whose uid is not the cookie's (an older sign-in replaced by a newer one).
 */
export function resumeGuard(provider: Provider, authorizationPath: string, refuse: (ctx: Context) => void): Middleware {
  const prefix = `${authorizationPath}/`;
  return async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path.startsWith(prefix)) {
      const uid = ctx.path.slice(prefix.length);
      // Unsigned read: only compared here; oidc-provider still verifies the signature.
      const cookie = ctx.cookies.get(provider.cookieName('resume'), { signed: false });
      if (cookie && cookie !== uid) {
        refuse(ctx);
        return;
      }
    }
    await next();
  };
}
