// Opens the store named by `storage` (sqlite:FILE or postgres://…) and brings its schema up to date.
import { isAbsolute, resolve } from 'node:path';
import { SqlStore } from './sql-store.js';
import { StoreError, type Store } from './types.js';

export const DEFAULT_STORAGE = 'sqlite:.mcp-devmode/state.db';

/** Parses a storage URL; relative SQLite paths resolve against `baseDir`. */
export function parseStorageUrl(url: string, baseDir: string): { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string } {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new StoreError('bad_url', 'The sqlite storage URL has no file name.', 'Write it as sqlite:.mcp-devmode/state.db');
    return { kind: 'sqlite', file: file === ':memory:' || isAbsolute(file) ? file : resolve(baseDir, file) };
  }
  throw new StoreError('bad_url', `Unsupported storage URL "${value.split(':')[0]}:…".`, 'Use sqlite:FILE (default) or postgres://user:pass@host:5432/db.');
}

export async function openStore(url: string, baseDir: string): Promise<Store> {
  const target = parseStorageUrl(url, baseDir);
  let store: SqlStore;
  try {
    if (target.kind === 'sqlite') {
      const { openSqliteDriver } = await import('./sqlite.js');
      store = new SqlStore(openSqliteDriver(target.file));
    } else {
      const { openPostgresDriver } = await import('./postgres.js');
      store = new SqlStore(openPostgresDriver(target.url));
    }
  } catch (err) {
    throw new StoreError('unavailable', `Could not open the ${target.kind} store: ${(err as Error).message}`, 'Check the `storage` setting (or DATABASE_URL).', { cause: err });
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

export type { Store } from './types.js';
