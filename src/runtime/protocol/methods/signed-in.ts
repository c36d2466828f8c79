// Resources and prompts have no per-entry `auth: none`: with auth.mode oauth they need a signed-in
// caller, even when mixed mode (a public tool) lets anonymous requests through to tools/list.
import type { RequestContext } from '../context.js';
import { INVALID_REQUEST, ProtocolError } from '../errors.js';

export function requireSignedIn(ctx: RequestContext, what: 'resources' | 'prompts'): void {
  if (ctx.runtime.config.auth.mode === 'oauth' && !ctx.auth) {
    throw new ProtocolError(INVALID_REQUEST, `Sign in to use ${what}: this server requires OAuth for them (send an access token)`);
  }
}
