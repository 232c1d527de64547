// Where read models live: SQLite tables for the embedded runner, Redis for BullMQ workers. One
// contract for both (test/workers/read-model-store.contract.ts). A projection's rows, their
// index and its checkpoint change together or not at all; readers query the index, so a
// filtered read touches only the rows its terms hold, page by page.

import type { Documents, IndexEntry } from './projection.js';

export type ProjectionStatus = 'running' | 'rebuilding' | 'parked';

export interface Checkpoint {
  /** Last log position applied. */
  position: number;
  /** The projection version the rows were built with. */
  version: number;
  status: ProjectionStatus;
  lastError: string | null;
  updatedAt: string;
}

/** A row as written: the row itself, and where it is found. */
export interface RowWrite {
  row: unknown;
  index: readonly IndexEntry[];
}

export interface Commit {
  /** The checkpoint this commit continues from; if it moved, the commit is refused (applied elsewhere). */
  fromPosition: number;
  toPosition: number;
  version: number;
  /** The rows the batch changed, by key; `undefined` removes one (and its index entries). */
  rows: Record<string, RowWrite | undefined>;
}

/** A row found through its index: its key, its place in the term's order, and the row. */
export interface IndexedRow<R = unknown> {
  key: string;
  sort: string;
  row: R;
}

/** A place in a term's order: a sort value and, among rows sharing it, a key. */
export interface IndexPlace {
  sort: string;
  key: string;
}

export interface ScanRange {
  /** Start after this place (or at it, when `inclusive`); in reverse, before it. */
  start?: IndexPlace & { inclusive?: boolean };
  /** Only sort values from this one on (inclusive)... */
  from?: string;
  /** ...up to this one (inclusive). */
  to?: string;
  /** Last first. */
  reverse?: boolean;
  /** At most this many rows (required: a scan is always bounded). */
  limit: number;
}

export interface ReadModelStore {
  checkpoint(projection: string): Promise<Checkpoint | undefined>;
  /** Rows by key, for the runners and for readers' lookups; absent ones undefined. */
  load(projection: string, keys: readonly string[]): Promise<Documents<unknown>>;
  /** Write rows with their index and move the checkpoint atomically. False when the checkpoint was not at `fromPosition`. */
  commit(projection: string, commit: Commit): Promise<boolean>;
  /** Every row whose key starts with `prefix`, in key order: for snapshots and comparisons, not for answering readers. */
  list(projection: string, prefix: string): Promise<Array<[string, unknown]>>;
  /** The rows under one term, in (sort, key) order, within the range. */
  scan(projection: string, term: string, range: ScanRange): Promise<IndexedRow[]>;
  /** How many rows each term holds (0 for a term none holds). */
  count(projection: string, terms: readonly string[]): Promise<number[]>;
  /** The terms that start with `prefix` and hold at least one row, in order, after `after` if given. */
  terms(projection: string, prefix: string, range: { after?: string; limit: number }): Promise<string[]>;
  setStatus(projection: string, status: ProjectionStatus, lastError: string | null): Promise<void>;
  /** Remove a copy entirely: its rows, index and checkpoint. */
  drop(projection: string): Promise<void>;
  /** Replace `live` by `rebuilt` in one step (a rebuild is built beside the live copy, then swapped in). */
  swap(rebuilt: string, live: string): Promise<void>;
  /** The key that signs readers' cursors: made once, kept with the read models, the same for every server reading them. */
  cursorKey(): Promise<Buffer>;
  close(): Promise<void>;
}
