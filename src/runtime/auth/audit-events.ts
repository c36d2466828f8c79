// Turns oidc-provider events into audit log rows (client registered, token issued/refreshed/revoked).
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../logger.js';
import type { AuditEvent, Store } from '../store/types.js';

export function auditProviderEvents(provider: Provider, store: Store, logger: Logger): void {
  const record = (event: AuditEvent) => {
    store.audit(event).catch((err: Error) => logger.warn({ err: err.message, type: event.type }, 'could not write audit event'));
  };
  const ip = (ctx: KoaContextWithOIDC | undefined) => ctx?.ip;

  provider.on('registration_create.success', (ctx: KoaContextWithOIDC, client: { clientId: string }) => {
    record({ type: 'client_registered', clientId: client.clientId, ip: ip(ctx) });
  });
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const grantType = ctx.oidc.params?.grant_type;
    const accountId = ctx.oidc.entities.Account?.accountId;
    record({
      type: grantType === 'refresh_token' ? 'token_refreshed' : 'token_issued',
      subject: accountId,
      clientId: ctx.oidc.client?.clientId,
      ip: ip(ctx),
    });
  });
  // 'grant.error' is emitted by the token endpoint but missing from the typings.
  (provider.on as (event: string, listener: (ctx: KoaContextWithOIDC, err: Error) => void) => void)('grant.error', (ctx, err) => {
    const e = err as { error_description?: string; error_detail?: string };
    if (/already used/.test(`${e.error_detail ?? ''} ${e.error_description ?? ''}`)) {
      record({ type: 'refresh_reuse', clientId: ctx.oidc.client?.clientId, ip: ip(ctx), detail: 'rotated token reused; grant revoked' });
    }
  });
  provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
    record({ type: 'grant_revoked', clientId: ctx.oidc.client?.clientId, ip: ip(ctx), detail: `grant ${grantId.slice(0, 6)}…` });
  });
  provider.on('refresh_token.destroyed', (token: { clientId?: string; accountId?: string }) => {
    // Fires for revocation (RFC 7009) and for a reused rotated token being thrown away.
    record({ type: 'token_revoked', clientId: token.clientId, subject: token.accountId });
  });
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => {
    logger.error({ err: err.message }, 'oauth server error');
  });
}
