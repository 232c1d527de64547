// Group commit on PostgreSQL: the appends that arrive while one transaction is being
// committed are committed together by the next, on one connection, in one transaction,
// in two round trips whatever the group holds:
//
//   1. BEGIN; take the log's lock (pg_advisory_xact_lock, held until COMMIT);
//      read the head, the group's streams' last revisions and where its ids already are
//   -  decide every append in order (plan-group.ts): retry, refusal, or rows with positions and links
//   2. INSERT the group's rows and receipts (multi-row); NOTIFY the head; COMMIT
//   -  settle the promises: only now, after COMMIT returned
//
// Receipts (idempotency answers, port.ts) ride in the same two round trips: the first reads
// those already kept for the group's keys, so an append whose key was answered is refused
// in the plan like a wrong revision; the second inserts the new ones beside the events.
//
// The Merkle tree (tree.ts), when the store keeps one, costs one round trip per group between
// the two: the stored nodes the group's leaves build on are read, and the new nodes are
// inserted with the events.
//
// With append steps the INSERT goes first, then the steps run,
// per written append, in order, then NOTIFY and COMMIT. A refused append writes nothing,
// so it cannot disturb the others. A step that throws rolls the whole transaction back;
// that append is refused with the step's error and the group is committed again without
// it (positions are given afresh), so one failing append still fails alone, without a
// savepoint per append (PostgreSQL slows every reader once a transaction holds more than
// 64 subtransactions).

import type pg from 'pg';
import { GENESIS_HASH } from '../chain.js';
import { StoreUnavailable } from '../errors.js';
import type { AppendOptions, AppendResult, Receipt } from '../port.js';
import { textArrayLiteral } from './literals.js';
import { planGroup, receiptKey, type Decision, type LogState, type QueuedAppend, type StoredPlace, type WrittenEvent } from './plan-group.js';
import { isUnavailable, storeErrorOf } from '../../postgres/unavailable.js';
import { treeStatements } from './tree.js';

/** An append as written inside the transaction, for the steps that must commit with it. */
export interface AppendInTransaction {
  streamId: string;
  /** The options the writer passed to append(), as given: where a receipt would ride. */
  options: AppendOptions;
  /** The rows inserted for it, with their revisions, positions and hashes. */
  events: readonly WrittenEvent[];
  result: AppendResult;
}

/**
 * Work that must commit or roll back with an append (none in the product: receipts and the Merkle
 * tree ride in the group's own statements, see above): runs on
 * the transaction's connection, after the group's events are inserted, once per append that
 * wrote events, in log order. Throwing refuses that append alone (at the cost of running the
 * group again). Receipts are not a step: they are planned with the group and inserted in its
 * own statements, adding no round trip while the log's lock is held. A step keeps no state outside the transaction: a group may be run again.
 */
export type AppendStep = (tx: pg.ClientBase, append: AppendInTransaction) => Promise<void>;

export interface GroupCommitSettings {
  pool: pg.Pool;
  /** The log's lock: a bigint literal for pg_advisory_xact_lock. */
  lockKey: string;
  /** The LISTEN/NOTIFY channel told of each commit. */
  channel: string;
  steps: readonly AppendStep[];
  /** Extend the Merkle tree over the log in each append's transaction (tree.ts). */
  tree: boolean;
  /** Called after each commit that wrote events. */
  onCommit(): void;
}

interface Waiting extends QueuedAppend {
  bytes: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Bounds on one transaction, so a burst cannot hold the log's lock for long or build an unbounded statement. */
const MAX_GROUP_APPENDS = 1_000;
const MAX_GROUP_EVENTS = 10_000;
const MAX_GROUP_BYTES = 32 * 1024 * 1024;
/** Rows per INSERT statement: several statements for a large group, so none is unboundedly long. */
const ROWS_PER_INSERT = 1_000;

type Attempt = { committed: Decision[] } | { stepFailed: number; error: unknown };

export class PgGroupCommit {
  private queue: Waiting[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly settings: GroupCommitSettings) {}

  submit(append: QueuedAppend): Promise<AppendResult> {
    const bytes = append.events.reduce((sum, e) => sum + e.dataJson.length + e.metadataJson.length, 0);
    return new Promise((resolve, reject) => {
      this.queue.push({ ...append, bytes, resolve, reject });
      // The first append waits for the end of this event-loop turn, so appends made together share a transaction.
      this.draining ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    });
  }

  /** Resolves once everything submitted so far has been committed or refused. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitGroup(this.takeGroup());
    } finally {
      this.draining = undefined;
    }
  }

  private takeGroup(): Waiting[] {
    let events = 0;
    let bytes = 0;
    let count = 0;
    for (const append of this.queue) {
      if (count > 0 && (count >= MAX_GROUP_APPENDS || events + append.events.length > MAX_GROUP_EVENTS || bytes + append.bytes > MAX_GROUP_BYTES)) break;
      count++;
      events += append.events.length;
      bytes += append.bytes;
    }
    return this.queue.splice(0, count);
  }

  private async commitGroup(group: Waiting[]): Promise<void> {
    let remaining = group;
    while (remaining.length > 0) {
      let client: pg.PoolClient;
      try {
        client = await this.settings.pool.connect();
      } catch (error) {
        for (const append of remaining) append.reject(storeErrorOf(error, 'connecting to append'));
        return;
      }
      let attempt: Attempt;
      try {
        attempt = await this.attempt(client, remaining);
      } catch (error) {
        // The group could not be committed (a lost connection, a failed statement): none of it is recorded,
        // unless COMMIT itself was lost on the way, which a retry with the same ids resolves.
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(isUnavailable(error) ? asError(error) : undefined);
        const failure = commitFailure(error);
        for (const append of remaining) append.reject(failure);
        return;
      }
      client.release();
      if ('stepFailed' in attempt) {
        remaining[attempt.stepFailed]?.reject(attempt.error);
        remaining = remaining.filter((_, i) => i !== attempt.stepFailed);
        continue;
      }
      attempt.committed.forEach((decision, i) => {
        const append = remaining[i] as Waiting;
        if (decision.kind === 'refused') append.reject(decision.error);
        else append.resolve(decision.result);
      });
      if (attempt.committed.some((d) => d.kind === 'write')) this.settings.onCommit();
      return;
    }
  }

  private async attempt(client: pg.PoolClient, group: readonly Waiting[]): Promise<Attempt> {
    const { lockKey, channel, steps } = this.settings;
    // Lock first, then read, as separate statements: in READ COMMITTED each statement sees what
    // was committed before it began, so the read that follows the granted lock includes the
    // previous holder's commit (it became visible before its lock was released).
    const opened = (await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey}); ${logStateQuery(group)}`)) as unknown as pg.QueryResult[];
    const state = toLogState(opened.at(-1) as pg.QueryResult<LogStateRow>);
    const headBefore = state.head.position;
    const decisions = await planGroup(state, group, (streamId, fromRevision, count) => readIds(client, streamId, fromRevision, count));
    const written = decisions.flatMap((decision, i) => (decision.kind === 'write' ? [{ decision, append: group[i] as Waiting, index: i }] : []));
    const receipts = decisions.flatMap((decision) => (decision.kind !== 'refused' && decision.receipt ? [decision.receipt.tuple] : []));
    const inserts = [
      ...insertStatements(written.map(({ decision, append }) => ({ rows: decision.rows, literals: append.literals }))),
      ...(receipts.length > 0 ? [`INSERT INTO receipts (scope, key, request_hash, status, body, position) VALUES ${receipts.map((r) => `(${r})`).join(',')}`] : []),
      // In the same transaction as the events: a committed event is always a leaf.
      ...(this.settings.tree ? await treeStatements(client, headBefore, written.flatMap(({ decision }) => decision.rows)) : []),
    ];
    const head = written.at(-1)?.decision.result.position;
    // NOTIFY is delivered at COMMIT, in commit order; channel and head are ours (hex, an integer), never a writer's text.
    const commit = head === undefined ? 'COMMIT' : `SELECT pg_notify('${channel}', '${head}'); COMMIT`;
    if (steps.length === 0 || written.length === 0) {
      await client.query([...inserts, commit].join('; '));
      return { committed: decisions };
    }
    if (inserts.length > 0) await client.query(inserts.join('; '));
    for (const { decision, append, index } of written) {
      for (const step of steps) {
        try {
          await step(client, { streamId: append.streamId, options: append.options, events: decision.rows, result: decision.result });
        } catch (error) {
          if (isUnavailable(error)) throw error;
          await client.query('ROLLBACK');
          return { stepFailed: index, error };
        }
      }
    }
    await client.query(commit);
    return { committed: decisions };
  }
}

type LogStateRow = {
  head: [number, string] | null;
  revisions: [string, number | null][];
  places: [string, string, number, number][];
  receipts: [string, string, string, number, string][];
};

/** One query for what the group needs to know of the log (its values as literals: it rides in the BEGIN's round trip). */
function logStateQuery(group: readonly QueuedAppend[]): string {
  const streams = [...new Set(group.map((a) => a.streamId))];
  const ids = group.flatMap((a) => a.events.map((e) => e.id));
  const keyed = group.flatMap((a) => (a.options.receipt ? [a.options.receipt] : []));
  const receipts =
    keyed.length === 0
      ? `'[]'::json`
      : `(SELECT coalesce(json_agg(json_build_array(r.scope, r.key, r.request_hash, r.status, r.body)), '[]') FROM receipts r
           JOIN unnest(${textArrayLiteral(keyed.map((k) => k.scope), 'a receipt scope')}, ${textArrayLiteral(keyed.map((k) => k.key), 'an idempotency key')}) AS k(scope, key)
             ON r.scope = k.scope AND r.key = k.key)`;
  return `SELECT
       (SELECT json_build_array(position, hash) FROM events ORDER BY position DESC LIMIT 1) AS head,
       (SELECT coalesce(json_agg(json_build_array(s, (SELECT max(revision) FROM events WHERE stream_id = s))), '[]') FROM unnest(${textArrayLiteral(streams, 'a stream id')}) AS s) AS revisions,
       (SELECT coalesce(json_agg(json_build_array(id, stream_id, revision, position)), '[]') FROM events WHERE id = ANY(${textArrayLiteral(ids, 'an event id')})) AS places,
       ${receipts} AS receipts`;
}

function toLogState(result: pg.QueryResult<LogStateRow>): LogState {
  const row = result.rows[0] as LogStateRow;
  return {
    head: row.head ? { position: row.head[0], hash: row.head[1] } : { position: 0, hash: GENESIS_HASH },
    lastRevision: new Map(row.revisions.map(([stream, revision]) => [stream, revision ?? -1])),
    places: new Map(row.places.map(([id, streamId, revision, position]): [string, StoredPlace] => [id, { streamId, revision, position }])),
    receipts: new Map(
      row.receipts.map(([scope, key, requestHash, status, body]): [string, Receipt] => [receiptKey(scope, key), { scope, key, requestHash, status, body: JSON.parse(body) as unknown }]),
    ),
  };
}

async function readIds(client: pg.ClientBase, streamId: string, fromRevision: number, count: number): Promise<(StoredPlace & { id: string })[]> {
  const { rows } = await client.query<{ id: string; revision: number; position: number }>(
    'SELECT id, revision, position FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3',
    [streamId, fromRevision, count],
  );
  return rows.map((row) => ({ ...row, streamId }));
}

/**
 * Multi-row INSERTs of the written appends. Positions, revisions and hashes are the store's
 * own integers and hex digests; everything a writer chose was made a literal at append().
 */
function insertStatements(appends: readonly { rows: readonly WrittenEvent[]; literals: QueuedAppend['literals'] }[]): string[] {
  const tuples: string[] = [];
  for (const { rows, literals } of appends) {
    rows.forEach((row, i) => tuples.push(`(${row.position},${literals.streamId},${row.revision},${literals.events[i]},'${row.hash}')`));
  }
  const statements: string[] = [];
  for (let from = 0; from < tuples.length; from += ROWS_PER_INSERT) {
    statements.push(`INSERT INTO events (position, stream_id, revision, id, type, version, data, metadata, hash) VALUES ${tuples.slice(from, from + ROWS_PER_INSERT).join(',')}`);
  }
  return statements;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** What each append of a group that failed to commit is told. */
function commitFailure(error: unknown): unknown {
  const mapped = storeErrorOf(error, 'appending');
  if (mapped instanceof StoreUnavailable) {
    return new StoreUnavailable(`${mapped.message}; an append may have committed just before the connection was lost: retry it with the same event ids`, mapped.retryAfterSeconds, { cause: error });
  }
  return mapped;
}
