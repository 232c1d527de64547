// The embedded event store: one SQLite file, many readers, one writer at a time.

import type Database from 'better-sqlite3';
import type { ChainCheck } from '../chain.js';
import { StoreError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  MerkleTreeStore,
  ReadStreamOptions,
  Receipt,
  RecordedEvent,
  SubscribeOptions,
  StoredEvent,
  Subscription,
} from '../port.js';
import { DirectCommit, type Committer } from './commit.js';
import { CommitNotifier } from './commit-notifier.js';
import { GroupCommit } from './group-commit.js';
import { checkExpectedRevision, prepareEvents } from '../prepare-events.js';
import { toRecordedEvent, toStoredEvent } from '../sql-rows.js';
import { openDatabase, type Synchronous } from './schema.js';
import { prepareStatements, type Statements } from './statements.js';
import { PollingSubscription } from '../polling-subscription.js';
import { ThreadCommit } from './thread-commit.js';
import { catchUp, prepareTree, readNodeHashes, readNodeRange, readNodes, type TreeStatements } from './tree.js';
import { verifyLog } from './verify-log.js';
import { findReceipt } from './receipts.js';
import type { GroupCommitObserver } from '../../observability/observers.js';

export interface SqliteEventStoreOptions {
  path: string;
  /** FULL (default) fsyncs every commit; NORMAL may lose the last commits on power loss, never corrupt. */
  synchronous?: Synchronous;
  /** Share one transaction among the appends of one event-loop turn. Default true. */
  groupCommit?: boolean;
  /** How often an idle subscription looks for appends made by other processes. Default 200. */
  pollIntervalMs?: number;
  /** Told how many appends each commit carried (metrics). */
  observer?: GroupCommitObserver;
  /**
   * Keep the Merkle tree over the log (tree.ts). Default true. False only to measure what the
   * tree costs (bench): appends then leave it behind, and the next open with it catches up.
   */
  merkleTree?: boolean;
  /**
   * Who writes: 'loop' (default) commits on the event loop, which waits for each fsync;
   * 'thread' commits on a writer thread with a connection of its own (thread-commit.ts), so the
   * loop goes on while a commit syncs. Either way a group shares one fsync and an append
   * settles only once committed.
   */
  writer?: 'loop' | 'thread';
  /** The writer thread's script; default writer-thread.js beside this file (built code). Tests pass a bundle of the source. */
  writerScript?: URL;
}

/** Rows read per query by subscriptions. */
const PAGE_SIZE = 256;
/** Rows read per query by verify(). */
const VERIFY_PAGE_SIZE = 1_000;

export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(options);
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly commits = new CommitNotifier();
  private readonly committer: Committer;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollIntervalMs: number;
  private readonly treeStatements: TreeStatements | null;
  readonly tree: MerkleTreeStore | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openDatabase(options.path, options.synchronous);
    this.statements = prepareStatements(this.db);
    this.treeStatements = options.merkleTree === false ? null : prepareTree(this.db);
    const tree = this.treeStatements;
    if (tree) {
      try {
        // A file written before the tree existed gets it now, once (tree.ts).
        catchUp(this.db, tree);
      } catch (error) {
        this.db.close();
        throw error;
      }
      this.tree = {
        readNodes: async (ids) => (this.assertOpen(), readNodes(tree, ids)),
        readNodeRange: async (from, maxCount) => (this.assertOpen(), readNodeRange(tree, from, maxCount)),
        readNodeHashes: async (from, count) => (this.assertOpen(), readNodeHashes(tree, from, count)),
      };
    }
    const onCommit = (appends: number) => {
      options.observer?.groupCommitted?.(appends);
      this.commits.notify();
    };
    this.committer = this.openCommitter(options, onCommit);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    checkExpectedRevision(expected);
    const prepared = prepareEvents(streamId, events);
    const { receipt } = options;
    return this.committer.submit({ streamId, events: prepared, expected, ...(receipt ? { receipt } : {}) });
  }

  private openCommitter(options: SqliteEventStoreOptions, onCommit: (appends: number) => void): Committer {
    if (options.writer === 'thread') {
      if (options.path === ':memory:') throw new Error('an in-memory database has one connection: the writer thread needs writer: loop');
      if (options.groupCommit === false) throw new Error('the writer thread always commits in groups; groupCommit: false needs writer: loop');
      const script = options.writerScript ?? new URL('./writer-thread.js', import.meta.url);
      return new ThreadCommit(script, { path: options.path, synchronous: options.synchronous ?? 'FULL', merkleTree: this.treeStatements !== null }, onCommit);
    }
    if (options.groupCommit === false) return new DirectCommit(this.db, this.statements, this.treeStatements, onCommit);
    return new GroupCommit(this.db, this.statements, this.treeStatements, onCommit);
  }

  async findReceipt(scope: string, key: string): Promise<Receipt | undefined> {
    this.assertOpen();
    return findReceipt(this.statements.receipts, scope, key);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.statements.readStream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1).map(toRecordedEvent);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.statements.head.get()?.position ?? 0;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.types) return this.statements.readAllOfTypes.all(options.after ?? 0, JSON.stringify(options.types), options.maxCount ?? -1).map(toRecordedEvent);
    return this.statements.readAll.all(options.after ?? 0, options.maxCount ?? -1).map(toRecordedEvent);
  }

  async readStored(options: Pick<ReadAllOptions, 'after' | 'maxCount'> = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.statements.readStored.all(options.after ?? 0, options.maxCount ?? -1).map(toStoredEvent);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new PollingSubscription(
      (after) => this.statements.readAll.all(after, PAGE_SIZE).map(toRecordedEvent),
      [this.commits],
      this.pollIntervalMs,
      options.after ?? 0,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Recompute the hash chain over the whole log. */
  verify(): ChainCheck {
    this.assertOpen();
    return verifyLog((after) => this.statements.readStored.all(after, VERIFY_PAGE_SIZE).map(toStoredEvent));
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.committer.close();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closing) throw new StoreError('STORE_CLOSED', 'the event store is closed');
  }
}
