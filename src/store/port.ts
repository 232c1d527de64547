// The event store port: the only thing the ledger knows about storage.
// Adapters (sqlite/, eventstoredb/) implement it; test/contract proves they agree.

import type { EventMetadata } from '../domain/events/metadata.js';

export type { EventMetadata };

/** An event as a writer proposes it. `id` is a ULID chosen by the writer, so a retry carries the same id. */
export interface NewEvent {
  id: string;
  type: string;
  version: number;
  data: unknown;
  metadata: EventMetadata;
}

/** An event as the store recorded it. */
export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 0-based index of the event within its stream. */
  revision: number;
  /** Global order across all streams; strictly increasing, starts at 1 (or the adapter's first position). */
  position: number;
  /** Hex SHA-256 link of the tamper-evident chain, where the adapter keeps one; null otherwise. */
  hash: string | null;
}

/**
 * An event exactly as an adapter stored it: data and metadata as their stored JSON, unparsed.
 * This is what the hash chain covers (chain.ts), so verifiers read it to check the chain
 * without parsing a single event.
 */
export interface StoredEvent extends Omit<RecordedEvent, 'data' | 'metadata'> {
  dataJson: string;
  metadataJson: string;
}

/**
 * What the writer believes about the stream before appending:
 * - 'no_stream': it must not exist yet
 * - 'stream_exists': it must already have at least one event
 * - 'any': no check
 * - a number: the revision of the stream's last event must be exactly this
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  /**
   * The answer to keep for a client's Idempotency-Key, written in the append's own
   * transaction (see Receipt). Only adapters with `findReceipt` keep it; the others ignore it.
   */
  receipt?: ReceiptRequest;
}

/**
 * What a client was answered for one idempotency key: kept by the store with the events
 * the answer reports, so that an acknowledged append always has its answer and an answer
 * never reports an append that did not commit, whatever crash comes between them. A retry
 * with the key finds it and gets the same answer (the same event ids), however many times
 * the server died since. `scope` and `key` name it (scope: the credential the key belongs
 * to); `requestHash` tells a retry from another request that reuses the key.
 */
export interface Receipt {
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  /** Plain JSON; it must hold nothing personal, since the store is copied wherever the log is. */
  body: unknown;
}

/** A receipt to write with an append; its answer is made from the append's result, inside the transaction. */
export interface ReceiptRequest extends Omit<Receipt, 'status' | 'body'> {
  answer(result: AppendResult): Pick<Receipt, 'status' | 'body'>;
}

export interface AppendResult {
  /** Revision of the last event of the append; pass it as expectedRevision next time. */
  nextExpectedRevision: number;
  /** Global position of the last event of the append. */
  position: number;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this position. Default: from the start. */
  after?: number;
  /** At most this many events (of `types`, when given); a shorter page means the end of the log. */
  maxCount?: number;
  /** Only events of these types: a reader that needs a few types skips the rest in the store, unparsed. */
  types?: readonly string[];
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position: catch up from the log, then follow live appends. */
  after?: number;
}

/** A live feed of the log. Iterate it; `close()` ends the iteration. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Append events to one stream, atomically. If the events' ids are already the
   * stream's events at the same places (a client retry), nothing is written and
   * the original result is returned.
   *
   * With `options.receipt`, an adapter that keeps receipts writes it in the same
   * transaction as the events (both or neither), after calling `answer` with the result.
   * A receipt already kept for the same scope and key refuses the append
   * (ReceiptAlreadyKept, carrying it) and writes nothing: one key, one append, even when
   * two servers race with it.
   */
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * The receipt kept for a scope and key, if any. Adapters that cannot write a receipt in
   * the append's transaction leave this out; callers then keep answers themselves, and a
   * crash between an append and its answer can leave a key without one.
   */
  findReceipt?(scope: string, key: string): Promise<Receipt | undefined>;
  /** Events of one stream in revision order; an empty array for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Events of every stream in global order, as stored (see StoredEvent), for verifying the
   * chain. Only adapters that keep a log-wide chain provide it.
   */
  readStored?(options?: Pick<ReadAllOptions, 'after' | 'maxCount'>): Promise<StoredEvent[]>;
  /** The position of the last event in the log, 0 when empty: how far behind a reader is. */
  headPosition(): Promise<number>;
  /** The Merkle tree over the log (src/audit/merkle), where the adapter keeps one beside it. */
  readonly tree?: MerkleTreeStore;
  subscribe(options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/** A stored node of the Merkle tree: its post-order id (src/audit/merkle/layout.ts) and SHA-256 hash. */
export interface TreeNode {
  id: number;
  hash: Uint8Array;
}

/**
 * The Merkle tree (RFC 6962) over the log's events, leaf i being the event at position i + 1,
 * as an adapter keeps it: every complete subtree's hash by post-order id, written in the same
 * transaction as the events it covers (see src/store/sqlite/tree.ts).
 */
export interface MerkleTreeStore {
  /** Node hashes by id, in the order asked; undefined where none is stored. */
  readNodes(ids: readonly number[]): Promise<(Uint8Array | undefined)[]>;
  /** Stored nodes with id ≥ from, in id order, at most maxCount: for checking the whole tree. */
  readNodeRange(from: number, maxCount: number): Promise<TreeNode[]>;
  /**
   * The hashes of nodes from … from + count − 1 end to end (32 bytes each), or null unless every
   * one is stored and 32 bytes long: the whole tree read without an object per node (verification
   * reads two nodes per event). Optional; readNodeRange says which node is wrong.
   */
  readNodeHashes?(from: number, count: number): Promise<Buffer | null>;
}

/** Largest serialised event (data + metadata) any adapter accepts, so every adapter refuses the same payloads. */
export const MAX_EVENT_BYTES = 1024 * 1024;
