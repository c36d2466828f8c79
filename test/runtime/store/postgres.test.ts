// The store suite on PostgreSQL at DATABASE_URL (or 127.0.0.1:5432/test); skipped with a reason when absent.
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import { toPgPlaceholders } from '../../../src/runtime/store/postgres.js';
import { PG_URL, freshSchemaUrl, postgresAvailable } from './pg-available.js';
import { storeSuite } from './store-suite.js';

const available = await postgresAvailable();

describe.skipIf(!available)('postgres store', () => {
  let url = '';
  beforeEach(async () => {
    url = await freshSchemaUrl('store_suite');
  });
  storeSuite(() => openStore(url, process.cwd()));

  it('migrates safely when several instances start at once', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openStore(url, process.cwd())));
    expect(stores).toHaveLength(3);
    await Promise.all(stores.map((s) => s.close()));
  });
});

describe('postgres placeholders', () => {
  it('numbers ? placeholders in order', () => {
    expect(toPgPlaceholders('SELECT * FROM t WHERE a = ? AND b = ?')).toBe('SELECT * FROM t WHERE a = $1 AND b = $2');
  });
});

it('an unreachable database gives a clear error, not a crash', async () => {
  await expect(openStore('postgres://nobody@127.0.0.1:1/none', process.cwd())).rejects.toMatchObject({ code: 'migration_failed' });
  expect(PG_URL).toMatch(/^postgres/);
});
