// Preconditions shared by checks: an endpoint that answered, and a token when the server demands one.
import { skip, type DoctorContext } from '../context.js';
import type { CheckOutcome } from '../types.js';

/** A skip outcome when MCP requests cannot succeed yet (OAuth required and no token), else undefined. */
export function needsMcpAccess(ctx: DoctorContext): CheckOutcome | undefined {
  const mode = ctx.state.auth.mode;
  if ((mode === 'oauth' || mode === 'json-rpc-error') && !ctx.wire.token) {
    return skip('the endpoint requires OAuth: run with --login user:pass to probe it signed in');
  }
  return undefined;
}
