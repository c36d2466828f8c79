// Finds the test PostgreSQL (DATABASE_URL or 127.0.0.1:5432/test); tests skip with a reason when absent, fail in CI.
import pg from 'pg';

export const PG_URL = process.env.DATABASE_URL_TEST ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI but unreachable at ${PG_URL}: ${(err as Error).message}`);
    console.warn(`[skip] PostgreSQL not reachable at ${PG_URL} (${(err as Error).message}); Postgres tests skipped.`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A fresh, empty schema for one test file and a URL whose search_path points at it, so test files
 * running in parallel never see each other's tables.
 */
export async function freshSchemaUrl(schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
