// PostgreSQL driver (pg): for several instances sharing state; same queries as SQLite.
import pg from 'pg';
import type { Row, SqlDriver, SqlValue } from './sql-store.js';

// Arbitrary constant: the advisory lock every instance takes while migrating.
const MIGRATION_LOCK_ID = 724_011_903;

/** `?` → `$1, $2, …` (our SQL never contains a literal question mark). */
export function toPgPlaceholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

export function openPostgresDriver(url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const res = await pool.query(toPgPlaceholders(sql), params as SqlValue[]);
      return res.rowCount ?? 0;
    },
    async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
      const res = await pool.query(toPgPlaceholders(sql), params as SqlValue[]);
      return res.rows as Row[];
    },
    async withMigrationLock(fn: () => Promise<void>): Promise<void> {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        try {
          await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
        }
      } finally {
        client.release();
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
