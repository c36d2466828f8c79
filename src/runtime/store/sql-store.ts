// The Store implemented once over a minimal SQL driver, so SQLite and PostgreSQL run the same queries.
import { randomUUID } from 'node:crypto';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import {
  StoreError,
  type AuditEvent,
  type AuditRecord,
  type PayloadWrite,
  type Store,
  type StoredPayload,
  type UserRecord,
} from './types.js';

export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

/** What each database must provide. SQL uses `?` placeholders; drivers translate if needed. */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs `fn` in one transaction holding an exclusive migration lock. */
  withMigrationLock(fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toUser(row: Row): UserRecord {
  return {
    id: String(row.id),
    email: String(row.email),
    passwordHash: String(row.password_hash),
    createdAt: Number(row.created_at),
  };
}

/** Emails compare case-insensitively: stored lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class SqlStore implements Store {
  constructor(private readonly db: SqlDriver) {}

  get kind(): 'sqlite' | 'postgres' {
    return this.db.kind;
  }

  async migrate(): Promise<void> {
    try {
      await this.db.withMigrationLock(async () => {
        await this.db.run(MIGRATIONS_TABLE);
        const applied = new Set((await this.db.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
        for (const m of MIGRATIONS) {
          if (applied.has(m.version)) continue;
          for (const statement of m.statements) await this.db.run(statement);
          await this.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
        }
      });
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError('migration_failed', `Could not prepare the ${this.db.kind} database: ${(err as Error).message}`, 'Check that the storage URL points at a writable database.', { cause: err });
    }
  }

  async upsertPayload(w: PayloadWrite): Promise<void> {
    await this.db.run(
      `INSERT INTO oauth_payloads (model, id_hash, payload, grant_id, uid_hash, expires_at, consumed_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (model, id_hash) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         uid_hash = excluded.uid_hash, expires_at = excluded.expires_at`,
      [w.model, w.idHash, w.payload, w.grantId, w.uidHash, w.expiresAt],
    );
  }

  async findPayload(model: string, idHash: string): Promise<StoredPayload | undefined> {
    const [row] = await this.db.all(
      'SELECT payload, expires_at, consumed_at FROM oauth_payloads WHERE model = ? AND id_hash = ? AND (expires_at IS NULL OR expires_at > ?)',
      [model, idHash, Date.now()],
    );
    return row ? { payload: String(row.payload), expiresAt: num(row.expires_at), consumedAt: num(row.consumed_at) } : undefined;
  }

  async findPayloadByUid(model: string, uidHash: string): Promise<(StoredPayload & { idHash: string }) | undefined> {
    const [row] = await this.db.all(
      'SELECT id_hash, payload, expires_at, consumed_at FROM oauth_payloads WHERE model = ? AND uid_hash = ? AND (expires_at IS NULL OR expires_at > ?)',
      [model, uidHash, Date.now()],
    );
    return row
      ? { idHash: String(row.id_hash), payload: String(row.payload), expiresAt: num(row.expires_at), consumedAt: num(row.consumed_at) }
      : undefined;
  }

  async consumePayload(model: string, idHash: string, atSeconds: number): Promise<void> {
    await this.db.run('UPDATE oauth_payloads SET consumed_at = ? WHERE model = ? AND id_hash = ?', [atSeconds, model, idHash]);
  }

  async destroyPayload(model: string, idHash: string): Promise<void> {
    await this.db.run('DELETE FROM oauth_payloads WHERE model = ? AND id_hash = ?', [model, idHash]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.run('DELETE FROM oauth_payloads WHERE grant_id = ?', [grantId]);
  }

  async grantExists(grantIdHash: string): Promise<boolean> {
    const rows = await this.db.all(
      "SELECT 1 AS ok FROM oauth_payloads WHERE model = 'Grant' AND id_hash = ? AND (expires_at IS NULL OR expires_at > ?)",
      [grantIdHash, Date.now()],
    );
    return rows.length > 0;
  }

  async deleteExpired(now = Date.now()): Promise<number> {
    return this.db.run('DELETE FROM oauth_payloads WHERE expires_at IS NOT NULL AND expires_at <= ?', [now]);
  }

  async createUser(user: UserRecord): Promise<void> {
    const email = normalizeEmail(user.email);
    if (await this.findUserByEmail(email)) {
      throw new StoreError('duplicate', `A user with the email ${email} already exists.`, 'Use `users passwd` to change the password instead.');
    }
    await this.db.run('INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)', [user.id, email, user.passwordHash, user.createdAt]);
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.all('SELECT * FROM users WHERE email = ?', [normalizeEmail(email)]);
    return row ? toUser(row) : undefined;
  }

  async findUserById(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.all('SELECT * FROM users WHERE id = ?', [id]);
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.all('SELECT * FROM users ORDER BY email')).map(toUser);
  }

  async deleteUser(email: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM users WHERE email = ?', [normalizeEmail(email)])) > 0;
  }

  async setPassword(email: string, passwordHash: string): Promise<boolean> {
    return (await this.db.run('UPDATE users SET password_hash = ? WHERE email = ?', [passwordHash, normalizeEmail(email)])) > 0;
  }

  async getOrCreateSecret(name: string, create: () => string): Promise<string> {
    const read = async () => (await this.db.all('SELECT value FROM secrets WHERE name = ?', [name]))[0]?.value;
    const existing = await read();
    if (existing !== undefined) return String(existing);
    // First writer wins when several instances start at once; everyone then reads the winner.
    await this.db.run('INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [name, create(), Date.now()]);
    return String(await read());
  }

  async audit(event: AuditEvent): Promise<void> {
    await this.db.run(
      'INSERT INTO audit_log (id, at, type, subject, client_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), Date.now(), event.type, event.subject ?? null, event.clientId ?? null, event.ip ?? null, event.detail ?? null],
    );
  }

  async listAudit(limit = 100): Promise<AuditRecord[]> {
    const rows = await this.db.all('SELECT * FROM audit_log ORDER BY at DESC, id LIMIT ?', [limit]);
    return rows.map((r) => ({
      id: String(r.id),
      at: Number(r.at),
      type: String(r.type) as AuditRecord['type'],
      ...(r.subject != null ? { subject: String(r.subject) } : {}),
      ...(r.client_id != null ? { clientId: String(r.client_id) } : {}),
      ...(r.ip != null ? { ip: String(r.ip) } : {}),
      ...(r.detail != null ? { detail: String(r.detail) } : {}),
    }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
