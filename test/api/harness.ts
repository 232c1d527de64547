// A real ledger behind a real listening server, on a temporary data directory.
//
// The API suite runs twice (vitest.config.ts, projects "sqlite" and "api-postgres"): with
// LEDGER_TEST_STORE=postgres every ledger started here is a scale-out node instead, on the
// machine's PostgreSQL (a schema of its own, dropped after) with BullMQ workers keeping its
// read models in Redis (a prefix of its own), the way `ledger serve` runs with STORE=postgres.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach } from 'vitest';
import { SESSION_COOKIE } from '../../src/api/auth.js';
import { openLedgerApp, type LedgerApp } from '../../src/app.js';
import type { Clock } from '../../src/credentials/credentials.js';
import { loadConfig } from '../../src/config.js';
import type { Role } from '../../src/domain/actor.js';
import { allProjections } from '../../src/projections/registry.js';
import { Dispatcher } from '../../src/workers/dispatcher.js';
import { silentLogger } from '../../src/workers/queues.js';
import { RedisReadModels } from '../../src/workers/redis-read-models.js';
import { startWorker } from '../../src/workers/worker.js';
import { freshSchema, postgresForTests, queryIn } from '../support/postgres.js';
import { sharedKeys } from '../support/shared-keys.js';
import { cleanUp, redisMissing, redisUrl, testPrefix } from '../workers/redis.js';

export interface Harness {
  app: LedgerApp;
  url: string;
  adminToken: string;
  /** Where this ledger keeps the log and its state: the matrix runs the API suite on both. */
  store: 'sqlite' | 'postgres';
  /** Rows of a query on the ledger's own tables, named alike on both stores: server.db, keys.db or ledger.db; or the node's schema. */
  rows<T>(file: 'server' | 'keys' | 'ledger', sql: string): Promise<T[]>;
  /** A token issued straight into the credential store (no check that the organisation exists). */
  tokenFor(role: Role, organisationId?: string): Promise<string>;
  /** A browser session opened for a token's credential, as the sign-in form opens one: a Cookie header. */
  sessionCookie(token: string): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

const onPostgres = process.env.LEDGER_TEST_STORE === 'postgres';

/** Whether this file's ledgers can be scale-out nodes: PostgreSQL and Redis are there (or required, and then failing). */
const scaleOutReady = onPostgres ? await scaleOutServices() : false;

async function scaleOutServices(): Promise<boolean> {
  if (!(await postgresForTests('API suite on PostgreSQL'))) return skipFile('no PostgreSQL (see the line above)');
  if (redisMissing) {
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but ${redisMissing}`);
    return skipFile(redisMissing);
  }
  return true;
}

/** Every test of the file is skipped with the reason; the file's ledgers start on SQLite so its top level still runs. */
function skipFile(reason: string): false {
  console.warn(`[API suite on PostgreSQL] skipped: ${reason}`);
  beforeEach(({ skip }) => skip(`API suite on PostgreSQL: ${reason}`));
  return false;
}

interface Node {
  env: Record<string, string>;
  schema: string;
  /** Starts the dispatcher and a worker for the app, as `ledger worker` would run beside the node. */
  startWorkers(app: LedgerApp): Promise<void>;
  /** Stops them: before the app closes the store the dispatcher follows. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

async function scaleOutNode(): Promise<Node> {
  const { schema, url, drop } = await freshSchema('api');
  const prefix = testPrefix();
  let stop = async () => undefined as void;
  return {
    env: { STORE: 'postgres', DATABASE_URL: url, PROJECTIONS: 'workers', REDIS_URL: redisUrl, REDIS_PREFIX: prefix, ...sharedKeys() },
    schema,
    async startWorkers(app) {
      const readModels = RedisReadModels.open(redisUrl, { prefix });
      const dispatcher = new Dispatcher({ store: app.store, redis: { url: redisUrl }, readModels, projections: allProjections, log: silentLogger });
      await dispatcher.start();
      const worker = await startWorker({ redis: { url: redisUrl }, projections: allProjections, log: silentLogger, prefix });
      stop = async () => {
        await worker.close();
        await dispatcher.stop();
        await readModels.close();
      };
    },
    stopWorkers: () => stop(),
    async close() {
      await drop();
      await cleanUp(prefix);
    },
  };
}

export async function startLedger(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  const node = scaleOutReady ? await scaleOutNode() : undefined;
  const app = await openLedgerApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env, ...node?.env }), { logger: false, clock: options.clock });
  await node?.startWorkers(app);
  const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const adminToken = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
  return {
    app,
    url: address,
    adminToken,
    store: node ? 'postgres' : 'sqlite',
    async rows<T>(file: 'server' | 'keys' | 'ledger', sql: string) {
      if (node) return queryIn<T>(node.schema, sql);
      const db = new Database(join(dir, `${file}.db`), { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    },
    tokenFor: async (role, organisationId) => (await app.credentials.issue({ role, organisationId, label: `test ${role}`, createdBy: 'test' })).token,
    async sessionCookie(token) {
      const identified = await app.credentials.identify(token);
      if (!identified.ok) throw new Error(`no session for a token refused with ${identified.refusal}`);
      const opened = await app.sessions.open({ actor: identified.actor, credentialId: identified.credential.id, notAfter: identified.credential.expiresAt });
      return `${SESSION_COOKIE}=${opened.id}`;
    },
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(address + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (docs pages): keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async close() {
      await node?.stopWorkers();
      await app.close();
      await node?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A ledger for one test file: started now (top-level await), closed after the file's tests. */
export async function ledgerForThisFile(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<Harness> {
  const ledger = await startLedger(env, options);
  afterAll(() => ledger.close());
  return ledger;
}
