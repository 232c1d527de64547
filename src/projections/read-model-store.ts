// Where read models live: SQLite for the embedded runner, Redis for BullMQ workers.
// A projection's documents and its checkpoint change together or not at all.

import type { Documents } from './projection.js';

export type ProjectionStatus = 'running' | 'rebuilding' | 'parked';

export interface Checkpoint {
  /** Last log position applied. */
  position: number;
  /** The projection version the documents were built with. */
  version: number;
  status: ProjectionStatus;
  lastError: string | null;
  updatedAt: string;
}

export interface Commit {
  /** The checkpoint this commit continues from; if it moved, the commit is refused (applied elsewhere). */
  fromPosition: number;
  toPosition: number;
  version: number;
  documents: Documents<unknown>;
}

export interface ReadModelStore {
  checkpoint(projection: string): Promise<Checkpoint | undefined>;
  load(projection: string, keys: readonly string[]): Promise<Documents<unknown>>;
  /** Write documents and move the checkpoint atomically. False when the checkpoint was not at `fromPosition`. */
  commit(projection: string, commit: Commit): Promise<boolean>;
  /** All documents whose key starts with `prefix`, for queries. */
  list(projection: string, prefix: string): Promise<Array<[string, unknown]>>;
  setStatus(projection: string, status: ProjectionStatus, lastError: string | null): Promise<void>;
  /** Remove a copy entirely: its documents and checkpoint. */
  drop(projection: string): Promise<void>;
  /** Replace `live` by `rebuilt` in one step (a rebuild is built beside the live copy, then swapped in). */
  swap(rebuilt: string, live: string): Promise<void>;
  close(): Promise<void>;
}
