// The machine's PostgreSQL for tests: one schema per test file (or per test), dropped after.
//
//   PostgreSQL on 127.0.0.1:5432, user postgres (trust), or TEST_DATABASE_URL naming another.
//   REQUIRE_POSTGRES=1 (set by .ci/run) turns a missing server into a failure; without it
//   the PostgreSQL tests skip with one line saying how to run them.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const HOW_TO_RUN =
  'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_DATABASE_URL; REQUIRE_POSTGRES=1 makes its absence a failure';

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether this file's PostgreSQL tests run: true when the server answers; false (with one
 * visible line) when it does not; throws when REQUIRE_POSTGRES=1 and it does not.
 */
export async function postgresForTests(what: string): Promise<boolean> {
  const problem = await reachable();
  if (problem === undefined) return true;
  if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${TEST_DATABASE_URL} is not reachable (${problem}); ${HOW_TO_RUN}`);
  }
  console.warn(`[${what}] skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${problem}). To run it: ${HOW_TO_RUN}`);
  return false;
}

/** A schema name no other test, file or run uses. */
export function uniqueSchema(label: string): string {
  return `test_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Runs SQL on its own connection, as an outsider (an intruder, an administrator) would. */
export async function withConnection<T>(work: (client: pg.Client) => Promise<T>, schema?: string, databaseUrl = TEST_DATABASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (schema) await client.query(`SET search_path TO "${schema}"`);
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropSchema(schema: string, databaseUrl = TEST_DATABASE_URL): Promise<void> {
  await withConnection((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`), undefined, databaseUrl);
}

/** A database of its own (for a `ledger serve` whose DATABASE_URL must name one); its URL and how to drop it. */
export async function uniqueDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueSchema(label);
  await withConnection((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withConnection((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** TEST_DATABASE_URL with its search_path set to `schema`, as a node's DATABASE_URL names a schema. */
export function urlForSchema(schema: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** A schema of its own, created now: its name, a DATABASE_URL for it, and how to drop it. */
export async function freshSchema(label: string, databaseUrl = TEST_DATABASE_URL): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = uniqueSchema(label);
  await withConnection((client) => client.query(`CREATE SCHEMA "${schema}"`), undefined, databaseUrl);
  return { schema, url: urlForSchema(schema, databaseUrl), drop: () => dropSchema(schema, databaseUrl) };
}

/** Rows of `sql` run in `schema`, bigints as numbers (counts). */
export async function queryIn<T>(schema: string, sql: string, params: unknown[] = [], databaseUrl = TEST_DATABASE_URL): Promise<T[]> {
  return withConnection(async (client) => {
    const { rows } = await client.query({ text: sql, values: params, types: { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) } as pg.CustomTypesConfig });
    return rows as T[];
  }, schema, databaseUrl);
}
