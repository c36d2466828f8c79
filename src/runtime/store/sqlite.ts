// SQLite driver (better-sqlite3): the default store, a file created on first use.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Row, SqlDriver, SqlValue } from './sql-store.js';

export function openSqliteDriver(file: string): SqlDriver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Prepared statements are cached by SQL text: the queries are a small fixed set.
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return {
    kind: 'sqlite',
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const stmt = prepare(sql);
      if (!stmt.reader) return stmt.run(...params).changes;
      stmt.all(...params);
      return 0;
    },
    async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
      return prepare(sql).all(...params) as Row[];
    },
    async withMigrationLock(fn: () => Promise<void>): Promise<void> {
      // BEGIN IMMEDIATE takes the write lock, so a second process waits instead of racing.
      db.exec('BEGIN IMMEDIATE');
      try {
        await fn();
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    async close(): Promise<void> {
      cache.clear();
      db.close();
    },
  };
}
