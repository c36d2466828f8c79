// The one persistence interface behind OAuth: SQLite and PostgreSQL implement it identically.
// Ids of tokens, codes, sessions and interactions are stored only as SHA-256 hashes (see hash.ts).

/** One stored OAuth artefact (oidc-provider model instance), keyed by model and hashed id. */
export interface StoredPayload {
  /** JSON of the payload, with bearer values (jti, uid) removed. */
  readonly payload: string;
  /** Epoch ms when the row expires; null = never. */
  readonly expiresAt: number | null;
  /** Epoch seconds when it was consumed (codes, rotated refresh tokens); null when not. */
  readonly consumedAt: number | null;
}

export interface PayloadWrite {
  readonly model: string;
  readonly idHash: string;
  readonly payload: string;
  readonly expiresAt: number | null;
  readonly grantId: string | null;
  readonly uidHash: string | null;
}

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  /** `scrypt$N$r$p$salt$hash` (see auth/password.ts). */
  readonly passwordHash: string;
  readonly createdAt: number;
}

export type AuditEventType =
  | 'login_ok'
  | 'login_failed'
  | 'login_rate_limited'
  | 'consent_denied'
  | 'token_issued'
  | 'token_refreshed'
  | 'token_revoked'
  | 'grant_revoked'
  | 'refresh_reuse'
  | 'client_registered';

export interface AuditEvent {
  readonly type: AuditEventType;
  readonly subject?: string;
  readonly clientId?: string;
  readonly ip?: string;
  /** Free-form, never a secret. */
  readonly detail?: string;
}

export interface AuditRecord extends AuditEvent {
  readonly id: string;
  readonly at: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations (idempotent, safe with several processes). */
  migrate(): Promise<void>;

  upsertPayload(write: PayloadWrite): Promise<void>;
  findPayload(model: string, idHash: string): Promise<StoredPayload | undefined>;
  findPayloadByUid(model: string, uidHash: string): Promise<(StoredPayload & { idHash: string }) | undefined>;
  consumePayload(model: string, idHash: string, atSeconds: number): Promise<void>;
  destroyPayload(model: string, idHash: string): Promise<void>;
  /** Deletes every artefact (all models) of a grant: codes, tokens, the grant itself. */
  revokeByGrantId(grantId: string): Promise<void>;
  /** True when a Grant row with this (hashed) id exists and has not expired. */
  grantExists(grantIdHash: string): Promise<boolean>;
  /** Deletes expired rows; returns how many. */
  deleteExpired(now?: number): Promise<number>;

  createUser(user: UserRecord): Promise<void>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  findUserById(id: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Returns false when no such user. */
  deleteUser(email: string): Promise<boolean>;
  setPassword(email: string, passwordHash: string): Promise<boolean>;

  /** Returns the stored value for `name`, storing `create()` first if absent (first writer wins). */
  getOrCreateSecret(name: string, create: () => string): Promise<string>;

  audit(event: AuditEvent): Promise<void>;
  listAudit(limit?: number): Promise<AuditRecord[]>;

  close(): Promise<void>;
}

/** Store problems carry a code, a human message and a fix hint. */
export class StoreError extends Error {
  constructor(
    readonly code: 'bad_url' | 'unavailable' | 'duplicate' | 'migration_failed',
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
