// Verifies access tokens locally (RFC 9068 JWTs signed by our keys): issuer, audience = this MCP URL,
// typ at+jwt, RS256 only, expiry. Verified tokens are cached; the grant behind a cached token is
// re-checked in the store at most every `grantRecheckMs`, and at once on this instance after a revoke.
import { createLocalJWKSet, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { AuthInfo } from '../tools/types.js';
import { hashId } from '../store/hash.js';
import type { Store } from '../store/types.js';

export type VerifyResult = { ok: true; auth: AuthInfo } | { ok: false; description: string };

interface CacheEntry {
  readonly result: VerifyResult;
  readonly expMs: number;
  readonly grantId: string | undefined;
  checkedAt: number;
}

const MAX_CACHE = 10_000;
const EXPIRED: VerifyResult = Object.freeze({ ok: false, description: 'The access token expired.' });
const REVOKED: VerifyResult = Object.freeze({ ok: false, description: 'The access token was revoked.' });
const MAX_TOKEN_LENGTH = 8192;

export interface VerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly publicJwks: { keys: JWK[] };
  readonly store: Store;
  readonly grantRecheckMs?: number;
}

export class TokenVerifier {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly revokedGrants = new Set<string>();
  private readonly jwks: ReturnType<typeof createLocalJWKSet>;
  private readonly recheckMs: number;

  constructor(private readonly options: VerifierOptions) {
    this.jwks = createLocalJWKSet(options.publicJwks);
    this.recheckMs = options.grantRecheckMs ?? 30_000;
  }

  /**
   * The hot path: the answer for a token verified recently, without a promise; undefined when the
   * token must go through verify() (not cached, or its grant is due for a re-check).
   */
  cached(token: string, now = Date.now()): VerifyResult | undefined {
    const hit = this.cache.get(token);
    if (!hit) return undefined;
    if (hit.expMs <= now) {
      this.cache.delete(token);
      return EXPIRED;
    }
    if (hit.grantId && this.revokedGrants.has(hit.grantId)) return REVOKED;
    return now - hit.checkedAt < this.recheckMs ? hit.result : undefined;
  }

  async verify(token: string, now = Date.now()): Promise<VerifyResult> {
    const hit = this.cache.get(token);
    if (hit) {
      const fast = this.cached(token, now);
      if (fast) return fast;
      if (!(await this.grantAlive(hit.grantId))) {
        this.cache.delete(token);
        return REVOKED;
      }
      hit.checkedAt = now;
      return hit.result;
    }
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, description: 'The access token is malformed.' };

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        typ: 'at+jwt',
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub', 'client_id'],
        currentDate: new Date(now),
      }));
    } catch (err) {
      return { ok: false, description: describe(err) };
    }
    const grantId = typeof payload.gid === 'string' ? payload.gid : undefined;
    if (grantId && this.revokedGrants.has(grantId)) return REVOKED;
    if (!(await this.grantAlive(grantId))) return REVOKED;

    const auth: AuthInfo = {
      subject: String(payload.sub),
      clientId: String(payload.client_id),
      scopes: typeof payload.scope === 'string' && payload.scope ? payload.scope.split(' ') : [],
      expiresAt: payload.exp,
      resource: this.options.audience,
    };
    if (this.cache.size >= MAX_CACHE) this.cache.delete(this.cache.keys().next().value!);
    const result: VerifyResult = { ok: true, auth };
    this.cache.set(token, { result, expMs: (payload.exp ?? 0) * 1000, grantId, checkedAt: now });
    return result;
  }

  /** Called when a grant is revoked on this instance: its cached tokens stop working at once. */
  grantRevoked(grantId: string): void {
    this.revokedGrants.add(grantId);
    if (this.revokedGrants.size > MAX_CACHE) this.revokedGrants.delete(this.revokedGrants.values().next().value!);
  }

  private async grantAlive(grantId: string | undefined): Promise<boolean> {
    if (!grantId) return false;
    return this.options.store.grantExists(hashId(grantId));
  }
}

function describe(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'The access token expired.';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return (err as { claim?: string }).claim === 'aud' ? 'The access token is for another resource.' : 'The access token has invalid claims.';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The access token signature is invalid.';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The access token uses a signing algorithm we do not accept.';
    default:
      return 'The access token is invalid.';
  }
}
