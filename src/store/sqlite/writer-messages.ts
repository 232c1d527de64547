// What the store and its writer thread (writer-thread.ts, thread-commit.ts) say to each other.

import type { AppendResult } from '../port.js';
import type { AppendJob } from './append-job.js';
import type { Synchronous } from './schema.js';
import type { WireError } from './wire-errors.js';

export interface WriterThreadData {
  path: string;
  synchronous: Synchronous;
  merkleTree: boolean;
}

/** The appends made in one turn of the main thread's event loop, sent together. */
export type ToWriter = { type: 'append'; jobs: { id: number; job: AppendJob }[] } | { type: 'close' };

export type FromWriter =
  /** A group committed: each append's result or refusal, in the order they were received. */
  | { type: 'committed'; outcomes: ({ id: number; result: AppendResult } | { id: number; error: WireError })[] }
  /** A group's commit failed: none of these appends is recorded. */
  | { type: 'failed'; ids: number[]; error: WireError }
  | { type: 'closed' };
