// The tree half of a verification on both cores (parallel-tree.ts): this thread opens the ledger
// file again (SQLite's WAL lets readers run side by side), takes the leaf hashes the chain walk
// computed, a page at a time, rebuilds the tree from them and holds every stored node and every
// signed tree head to it, exactly as TreeCheck does in a one-thread verification.

import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from '../../data-dir.js';
import type { MerkleTreeStore } from '../../store/port.js';
import { prepareTree, readNodeHashes, readNodeRange, readNodes } from '../../store/sqlite/tree.js';
import { TreeCheck, type SignedRoot, type TreeBreak } from '../merkle/tree-check.js';

export interface TreeWorkerData {
  path: string;
  /** Signed roots by tree size. */
  signed: [number, SignedRoot[]][];
}

export type ToTreeWorker =
  /** The leaf hashes (32 bytes each) of the next events the chain verified, in order. */
  | { leaves: Uint8Array }
  /** The chain walk is over: say whether the stored tree holds nodes beyond the leaves given. */
  | { end: true };

export type FromTreeWorker =
  /** A page was checked; `size`: leaves checked so far. */
  | { checked: number }
  /** The check stopped at the leaf of the event at `at`: a stored node or a signed root disagrees. */
  | { broken: TreeBreak; at: number; signedRoot: boolean }
  /** The answer to `end`. */
  | { extra: TreeBreak | undefined }
  | { failed: string };

const { path, signed } = workerData as TreeWorkerData;
const port = parentPort;
if (!port) throw new Error('tree-worker.ts runs as a worker thread');
// Read-only, and not through the store, which would bring the tree up to date as it opens: the
// worker must see the file as the verifying thread does, and write nothing.
const db = openSqliteFile(path, { readonly: true, fileMustExist: true });
const statements = prepareTree(db);
const tree: MerkleTreeStore = {
  readNodes: async (ids) => readNodes(statements, ids),
  readNodeRange: async (from, maxCount) => readNodeRange(statements, from, maxCount),
  readNodeHashes: async (from, count) => readNodeHashes(statements, from, count),
};
const check = TreeCheck.fromStart(tree, new Map(signed));
let stopped = false;

// Messages are handled one at a time, in order: each waits for the one before it.
let queue = Promise.resolve();
port.on('message', (message: ToTreeWorker) => {
  queue = queue.then(() => handle(message)).catch((error: unknown) => port.postMessage({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromTreeWorker));
});

async function handle(message: ToTreeWorker): Promise<void> {
  if ('end' in message) {
    const extra = stopped ? undefined : await check.extraNodes(async () => statements.head.get() ?? 0);
    db.close();
    port?.postMessage({ extra } satisfies FromTreeWorker);
    port?.close();
    return;
  }
  // Pages after a break are answered unchecked, so the walk's count of pages in flight stays true.
  if (stopped) return port?.postMessage({ checked: check.size } satisfies FromTreeWorker);
  const { leaves } = message;
  const count = leaves.length / 32;
  await check.prefetch(count);
  for (let i = 0; i < count; i++) {
    const leaf = Buffer.from(leaves.buffer, leaves.byteOffset + 32 * i, 32);
    const broken = check.addLeafHash(leaf);
    const rootBroken = broken ? undefined : check.signedRootBreak();
    if (broken || rootBroken) {
      stopped = true;
      port?.postMessage({ broken: (broken ?? rootBroken) as TreeBreak, at: check.size, signedRoot: !broken } satisfies FromTreeWorker);
      return;
    }
  }
  port?.postMessage({ checked: check.size } satisfies FromTreeWorker);
}
