// The event store on PostgreSQL (STORE=postgres): the same port, the same hash chain as
// SQLite, for several API nodes sharing one database.
//
// Client: node-postgres (`pg`). Measured against `postgres` (postgres.js) on this shape of
// work (lock, read the head, one multi-row INSERT, COMMIT; and 1,000-row transactions) they
// were within noise of each other, pg slightly ahead, because the commit's WAL flush
// dominates and group commit already makes a transaction a few round trips whatever it
// carries. pg is chosen for what the store needs beyond speed: an explicit connection
// checked out for a whole transaction (group commit), rows as arrays for verification,
// a plain Client for LISTEN, SQLSTATE codes on every server error, an onConnect hook to
// set each connection's schema, and it is the client Emmett's PostgreSQL store uses.
//
// Order and the chain (ARCHITECTURE.md, "PostgreSQL: order and the chain"): appends take
// one advisory lock per log for their transaction, read the head under it and give
// positions head+1…, so transactions commit one after another in position order and a
// reader never sees a position behind which a gap could still fill.

import { createHash } from 'node:crypto';
import pg from 'pg';
import { GENESIS_HASH, verifyStoredChain, type ChainCheck } from '../chain.js';
import { StoreError } from '../errors.js';
import { checkExpectedRevision, prepareEvents } from '../prepare-events.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  MerkleTreeStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  Receipt,
  RecordedEvent,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { PgGroupCommit, type AppendStep } from './group-commit.js';
import { CommitListener } from './listener.js';
import { integerLiteral, textLiteral } from './literals.js';
import { EVENT_COLUMNS, toRecordedEvent, toStoredEvent, type EventRow, type StoredRow } from '../sql-rows.js';
import { checkEncoding, migrate, quoteIdentifier } from './schema.js';
import { PollingSubscription, type Waker } from '../polling-subscription.js';
import { guarded } from '../../postgres/unavailable.js';
import { catchUpTree, treeReader } from './tree.js';

export interface PostgresEventStoreOptions {
  /** postgres://user@host:5432/database (DATABASE_URL). */
  connectionString: string;
  /** Schema for the ledger's tables, created if missing. Default: the connection's own (search_path; normally public). */
  schema?: string;
  /** Connections in the pool (appends use one at a time; reads and subscriptions share the rest). Default 10. */
  poolSize?: number;
  /** How often an idle subscription reads the log, whatever notifications say. Default 250. */
  pollIntervalMs?: number;
  /** How long the LISTEN connection waits before reconnecting when it drops. Default 1,000. */
  listenRetryMs?: number;
  /** How long an append waits for the log's lock before failing as unavailable. Default 10,000. */
  lockTimeoutMs?: number;
  /** This node's name in pg_stat_activity (its LISTEN connection adds " listen"). Default "engagement-ledger". */
  applicationName?: string;
  /** Work that commits with each append, inside its transaction (group-commit.ts). */
  steps?: readonly AppendStep[];
  /**
   * Keep the Merkle tree over the log (tree.ts). Default true. False only to measure what the
   * tree costs: appends then leave it behind, and the next open with it catches up.
   */
  merkleTree?: boolean;
}

/** Rows read per query by subscriptions and verify(). */
const PAGE_SIZE = 256;
const VERIFY_PAGE_SIZE = 1_000;
/** The server ends a transaction left idle this long, so a frozen node cannot hold the log's lock. */
const IDLE_IN_TRANSACTION_MS = 60_000;

export function openPostgresEventStore(options: PostgresEventStoreOptions): PostgresEventStore {
  return new PostgresEventStore(options);
}

/** bigint (int8) columns as numbers: positions stay far below 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** What is derived from the schema's name: every node on one schema takes the same lock and channel. */
interface LogIdentity {
  lockKey: string;
  migrationLockKey: string;
  channel: string;
}

function identityOf(schema: string): LogIdentity {
  const digest = (label: string) => createHash('sha256').update(`engagement-ledger ${label} ${schema}`).digest();
  return {
    lockKey: digest('log').readBigInt64BE(0).toString(),
    migrationLockKey: digest('migration').readBigInt64BE(0).toString(),
    channel: `ledger_${digest('channel').toString('hex').slice(0, 24)}`,
  };
}

export class PostgresEventStore implements EventStore {
  private readonly pool: pg.Pool;
  private readonly clientConfig: pg.ClientConfig;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly localCommits = new LocalCommits();
  private readonly pollIntervalMs: number;
  /** The Merkle tree over the log (tree.ts), unless the store was opened without it. */
  readonly tree: MerkleTreeStore | undefined;
  private opened: Promise<{ commits: PgGroupCommit; listener: CommitListener }> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.clientConfig = {
      connectionString: options.connectionString,
      application_name: options.applicationName ?? 'engagement-ledger',
      types,
      lock_timeout: options.lockTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    };
    const schema = options.schema;
    this.pool = new pg.Pool({
      ...this.clientConfig,
      max: options.poolSize ?? 10,
      ...(schema === undefined ? {} : { onConnect: (client: pg.ClientBase) => client.query(`SET search_path TO ${quoteIdentifier(schema)}`) }),
    });
    // An idle connection that fails (the server restarting) is dropped by the pool; the next query opens another.
    this.pool.on('error', () => undefined);
    // A connection checked out (a group commit between statements) that fails emits 'error' too: its next
    // statement fails as unavailable and the connection is released as broken, so the event itself is ignored.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.tree = options.merkleTree === false ? undefined : treeReader((doing, text, values) => this.query(doing, text, values));
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    checkExpectedRevision(expected);
    const prepared = prepareEvents(streamId, events);
    if (options.receipt) {
      // Refused now, alone, rather than in the group's query.
      textLiteral(options.receipt.scope, 'a receipt scope');
      textLiteral(options.receipt.key, 'an idempotency key');
    }
    // Made now, in the caller's turn, not in the commit's: and a value PostgreSQL cannot hold is refused here, alone.
    const literals = {
      streamId: textLiteral(streamId, `stream id ${JSON.stringify(streamId)}`),
      events: prepared.map((event) =>
        [
          textLiteral(event.id, `event id ${JSON.stringify(event.id)}`),
          textLiteral(event.type, `the type of event ${event.id}`),
          integerLiteral(event.version, `the version of event ${event.id}`),
          textLiteral(event.dataJson, `the data of event ${event.id}`),
          textLiteral(event.metadataJson, `the metadata of event ${event.id}`),
        ].join(','),
      ),
    };
    const { commits } = await this.open();
    return commits.submit({ streamId, events: prepared, expected, options, literals });
  }

  async findReceipt(scope: string, key: string): Promise<Receipt | undefined> {
    const [row] = await this.query<{ request_hash: string; status: number; body: string }>(
      'reading a receipt',
      'SELECT request_hash, status, body FROM receipts WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    return row && { scope, key, requestHash: row.request_hash, status: row.status, body: JSON.parse(row.body) as unknown };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = await this.query<EventRow>(
      'reading a stream',
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, options.fromRevision ?? 0, limitOf(options.maxCount)],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const rows = options.types
      ? await this.query<EventRow>(
          'reading the log',
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 AND type = ANY($2::text[]) ORDER BY position LIMIT $3`,
          [after, [...options.types], limitOf(options.maxCount)],
        )
      : await this.query<EventRow>('reading the log', `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [
          after,
          limitOf(options.maxCount),
        ]);
    return rows.map(toRecordedEvent);
  }

  async readStored(options: Pick<ReadAllOptions, 'after' | 'maxCount'> = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    await this.open();
    const result = await guarded('reading the log', () =>
      this.pool.query<StoredRow>({
        text: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        values: [options.after ?? 0, limitOf(options.maxCount)],
        rowMode: 'array',
      }),
    );
    return result.rows.map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    const [row] = await this.query<{ head: number }>('reading the head', 'SELECT coalesce(max(position), 0)::int8 AS head FROM events');
    return row?.head ?? 0;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new PollingSubscription(
      (after) => this.readAll({ after, maxCount: PAGE_SIZE }),
      [this.localCommits, new LazyListener(() => this.open().then((opened) => opened.listener))],
      this.pollIntervalMs,
      options.after ?? 0,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Recompute the hash chain over the whole log, a page at a time. */
  async verify(): Promise<ChainCheck> {
    let head = { position: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (let page = await this.readStored({ maxCount: VERIFY_PAGE_SIZE }); page.length > 0; page = await this.readStored({ after: head.position, maxCount: VERIFY_PAGE_SIZE })) {
      const check = verifyStoredChain(page, head.hash, head.position);
      if (!check.ok) return { ...check, checked: checked + check.checked };
      checked += check.checked;
      head = { position: check.headPosition, hash: check.headHash };
    }
    return { ok: true, headPosition: head.position, headHash: head.hash, checked };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Subscriptions end first (close() marks them closed at once); appends already made still commit.
    const subscriptions = Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    const opened = await this.opened?.catch(() => undefined);
    await opened?.commits.idle();
    await subscriptions;
    await opened?.listener.close();
    await this.pool.end();
  }

  /**
   * Creates the tables on first use (the store opens without a round trip, as the port's
   * open functions are synchronous). A failed attempt (the server down) is forgotten, so
   * the next call tries again.
   */
  private open(): Promise<{ commits: PgGroupCommit; listener: CommitListener }> {
    this.opened ??= this.prepare().catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  private async prepare(): Promise<{ commits: PgGroupCommit; listener: CommitListener }> {
    const client = await guarded('connecting', () => this.pool.connect());
    try {
      await checkEncoding(client);
      const schema = this.options.schema ?? (await client.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0]?.schema;
      if (!schema) throw new Error('the connection has no current schema (search_path names none that exists); set one, or give the store a schema');
      const identity = identityOf(schema);
      await guarded('creating the tables', () => migrate(client, this.options.schema, identity.migrationLockKey));
      // A database written before the tree existed gets it now, once.
      if (this.tree) await guarded('catching the Merkle tree up', () => catchUpTree(client, identity.lockKey));
      const commits = new PgGroupCommit({
        pool: this.pool,
        lockKey: identity.lockKey,
        channel: identity.channel,
        steps: this.options.steps ?? [],
        tree: this.tree !== undefined,
        onCommit: () => this.localCommits.notify(),
      });
      // Channels are the database's, not a schema's: the listening connection needs no search_path.
      const listener = new CommitListener(
        () => new pg.Client({ ...this.clientConfig, application_name: `${this.clientConfig.application_name} listen` }),
        identity.channel,
        this.options.listenRetryMs ?? 1_000,
      );
      return { commits, listener };
    } finally {
      client.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(doing: string, text: string, values: unknown[] = []): Promise<R[]> {
    this.assertOpen();
    await this.open();
    return (await guarded(doing, () => this.pool.query<R>(text, values))).rows;
  }

  private assertOpen(): void {
    if (this.closing) throw new StoreError('STORE_CLOSED', 'the event store is closed');
  }
}

/** LIMIT's value: null is "no limit" to PostgreSQL. */
function limitOf(maxCount: number | undefined): number | null {
  return maxCount === undefined ? null : Math.max(0, maxCount);
}

/** Wakes this process's subscriptions the moment one of its own commits lands. */
class LocalCommits implements Waker {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The store's LISTEN connection, started by the first subscription that sleeps. */
class LazyListener implements Waker {
  constructor(private readonly listener: () => Promise<CommitListener>) {}

  listen(wake: () => void): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    this.listener().then(
      (listener) => {
        if (stopped) return;
        listener.start();
        stop = listener.listen(wake);
      },
      () => undefined,
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }
}
