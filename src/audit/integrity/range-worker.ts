// A worker thread of a verification on several cores (parallel-ranges.ts): it opens the ledger
// file again, read-only (SQLite's WAL lets readers run side by side) and not through the store,
// which would bring the tree up to date as it opens, checks its range (range-check.ts) and answers once.

import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from '../../data-dir.js';
import { prepareTree } from '../../store/sqlite/tree.js';
import { checkRange, type RangeMarks, type RangeOutcome } from './range-check.js';

export interface RangeWorkerData {
  path: string;
  /** Positions from + 1 … to. */
  from: number;
  to: number;
  marks: RangeMarks;
}

export type FromRangeWorker =
  /** Events checked since the last message. */
  | { checked: number }
  | { outcome: RangeOutcome };

/** Pages between progress messages. */
const PAGES_PER_REPORT = 10;

const { path, from, to, marks } = workerData as RangeWorkerData;
const port = parentPort;
if (!port) throw new Error('range-worker.ts runs as a worker thread');
const db = openSqliteFile(path, { readonly: true, fileMustExist: true });
try {
  let pages = 0;
  let checked = 0;
  const outcome = checkRange(prepareTree(db), from, to, marks, (events) => {
    checked += events;
    if (++pages % PAGES_PER_REPORT === 0) {
      port.postMessage({ checked } satisfies FromRangeWorker);
      checked = 0;
    }
  });
  port.postMessage({ outcome } satisfies FromRangeWorker);
} finally {
  db.close();
}
