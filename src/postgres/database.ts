// What every PostgreSQL adapter of the server's own state shares (credentials, sessions,
// idempotency claims, signed checkpoints, personal-data keys): one pool per node, in the
// schema DATABASE_URL names (its search_path), tables created under one lock so several
// nodes starting together agree, and every failure to reach the server turned into
// StoreUnavailable (503 with Retry-After), never a 500.

import pg from 'pg';
import { guarded, storeErrorOf } from './unavailable.js';

/** bigint (int8) columns as numbers: sequences and positions stay far below 2^53. */
export const int8AsNumber: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export interface DatabaseSettings {
  /** postgres://… (DATABASE_URL); its search_path, when it sets one, is where the tables go. */
  connectionString: string;
  /** The name this node's connections show in pg_stat_activity. */
  applicationName: string;
  /** Connections in the pool. Default 5: server state is small, indexed lookups. */
  max?: number;
  /** How long a statement waits for a lock before failing as unavailable. Default 10,000. */
  lockTimeoutMs?: number;
}

/** The server ends a transaction left idle this long, so a frozen node cannot hold a lock. */
const IDLE_IN_TRANSACTION_MS = 60_000;

export class Database {
  readonly pool: pg.Pool;

  constructor(readonly settings: DatabaseSettings) {
    this.pool = new pg.Pool({
      connectionString: settings.connectionString,
      application_name: settings.applicationName,
      types: int8AsNumber,
      max: settings.max ?? 5,
      lock_timeout: settings.lockTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection that fails (the server restarting) is dropped by the pool; the next query opens another.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /** One statement; `doing` names it in the error a caller sees when the server cannot be reached. */
  async query<R extends pg.QueryResultRow>(doing: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return guarded(doing, () => this.pool.query<R>(text, values));
  }

  /** `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  async transaction<T>(doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await guarded(doing, () => this.pool.connect());
    let broken: Error | undefined;
    try {
      await guarded(doing, () => client.query('BEGIN'));
      const result = await work(client);
      await guarded(doing, () => client.query('COMMIT'));
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => {
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      });
      throw storeErrorOf(error, doing);
    } finally {
      client.release(broken);
    }
  }

  /**
   * Creates tables if they are missing, in one transaction holding a lock of the schema's
   * own: CREATE TABLE IF NOT EXISTS is not safe against itself, and nodes start together.
   */
  async migrate(what: string, ddl: string): Promise<void> {
    await this.transaction(`creating the ${what} tables`, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('engagement-ledger server state ' || current_schema(), 0))`);
      await client.query(ddl);
    });
  }

  /** The schema the tables live in: the first of the search_path that exists. */
  async schema(): Promise<string> {
    const { rows } = await this.query<{ schema: string | null }>('reading the schema', 'SELECT current_schema() AS schema');
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('the connection has no current schema (DATABASE_URL’s search_path names none that exists)');
    return schema;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
