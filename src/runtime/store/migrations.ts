// Versioned schema migrations, shared word for word by SQLite and PostgreSQL (portable DDL only).
// Append new versions at the end; never edit one that has shipped.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'oauth artefacts, users, secrets, audit log',
    statements: [
      // Every oidc-provider model (Client, Grant, AuthorizationCode, RefreshToken, Session,
      // Interaction, ...) lives here, keyed by the SHA-256 of its id; payloads carry no bearer value.
      `CREATE TABLE IF NOT EXISTS oauth_payloads (
        model TEXT NOT NULL,
        id_hash TEXT NOT NULL,
        payload TEXT NOT NULL,
        grant_id TEXT,
        uid_hash TEXT,
        expires_at BIGINT,
        consumed_at BIGINT,
        PRIMARY KEY (model, id_hash)
      )`,
      'CREATE INDEX IF NOT EXISTS oauth_payloads_grant ON oauth_payloads (grant_id)',
      'CREATE INDEX IF NOT EXISTS oauth_payloads_uid ON oauth_payloads (model, uid_hash)',
      'CREATE INDEX IF NOT EXISTS oauth_payloads_expiry ON oauth_payloads (expires_at)',
      `CREATE TABLE IF NOT EXISTS users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      // Signing keys (private JWKS) and cookie keys, generated once so restarts and instances agree.
      `CREATE TABLE IF NOT EXISTS secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS audit_log (
        id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        type TEXT NOT NULL,
        subject TEXT,
        client_id TEXT,
        ip TEXT,
        detail TEXT
      )`,
      'CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at)',
    ],
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;
