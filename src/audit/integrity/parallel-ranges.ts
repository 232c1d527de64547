// Verification on several cores: the log cut into contiguous ranges, a worker thread per range
// (range-worker.ts) checking its chain and the tree inside it, and this thread joining them: each
// range must start from the link the range before it ended on, the tree nodes that straddle two
// ranges are rebuilt from the ranges' subtrees and held to the stored ones, and each signed
// checkpoint and tree head to the link or root at its position. What comes back is where a
// one-thread walk would stand after the last range, everything before it held; or the first
// problem met, which verify.ts then has the one-thread walk locate, so the answer (and the
// break it names) is always the one-thread one.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MerkleTreeStore } from '../../store/port.js';
import { CompactRange } from '../merkle/compact-range.js';
import type { Subtree } from '../merkle/range-subtrees.js';
import type { SignedRoot } from '../merkle/tree-check.js';
import type { RangeOutcome } from './range-check.js';
import type { FromRangeWorker, RangeWorkerData } from './range-worker.js';
import type { SignedCheckpoint } from './statement.js';
import type { ChainPoint } from './walk.js';

export interface ParallelOptions {
  /** The ledger file, opened again by each worker. */
  path: string;
  /** Worker threads (ranges); default one per core. */
  workers?: number;
  /** Fewest events per range; a shorter log is cut into fewer ranges (one thread below it: verify.ts). Default 10,000. */
  minRange?: number;
  /** The worker's script; tests give it bundled from source. */
  script?: URL;
  /** Hears why the ranges did not all hold, before the one-thread walk locates the break. */
  onFallback?: (problem: string) => void;
}

export const MIN_RANGE = 10_000;

export type RangesJoined =
  | {
      ok: true;
      /** The last event of the last range, and its link. */
      point: ChainPoint;
      /** The tree of the events up to it. */
      tree: CompactRange;
      /** Signed checkpoints and tree heads held, all those at or before `point`. */
      held: number;
      treeHeadsHeld: number;
    }
  | { ok: false; problem: string };

/** The positions cutting 1 … head into `count` ranges, aligned to a power of two so few nodes straddle two. */
export function rangeBounds(head: number, workers: number, minRange: number): number[] {
  const count = Math.max(1, Math.min(workers, Math.floor(head / minRange)));
  const align = 2 ** Math.max(0, Math.floor(Math.log2(head / count / 8)));
  const bounds = [0];
  for (let k = 1; k < count; k++) {
    const bound = Math.round((k * head) / count / align) * align;
    if (bound > (bounds.at(-1) as number) && bound < head) bounds.push(bound);
  }
  bounds.push(head);
  return bounds;
}

export async function verifyRanges(
  options: ParallelOptions,
  tree: MerkleTreeStore,
  head: number,
  evidence: { checkpoints: readonly SignedCheckpoint[]; roots: ReadonlyMap<number, readonly SignedRoot[]> },
  onProgress?: (checked: number) => void,
): Promise<RangesJoined> {
  const bounds = rangeBounds(head, options.workers ?? availableParallelism(), options.minRange ?? MIN_RANGE);
  const script = options.script ?? new URL('./range-worker.js', import.meta.url);
  const workers: Worker[] = [];
  let checked = 0;
  try {
    const outcomes = await Promise.all(
      bounds.slice(1).map((to, r) => {
        const from = bounds[r] as number;
        const inRange = (position: number) => position > from && position <= to;
        const data: RangeWorkerData = {
          path: options.path,
          from,
          to,
          marks: { checkpoints: evidence.checkpoints.map((c) => c.position).filter(inRange), sizes: [...evidence.roots.keys()].filter(inRange) },
        };
        const worker = new Worker(script, { workerData: data });
        workers.push(worker);
        return new Promise<RangeOutcome>((resolve, reject) => {
          worker.on('message', (message: FromRangeWorker) => {
            if ('outcome' in message) return resolve(message.outcome);
            checked += message.checked;
            onProgress?.(checked);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => reject(new Error(`the range worker exited (${code}) before answering`)));
        });
      }),
    );
    return await join(bounds, outcomes, tree, evidence);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The ranges' outcomes joined in log order (see the top of this file). */
async function join(
  bounds: readonly number[],
  outcomes: readonly RangeOutcome[],
  tree: MerkleTreeStore,
  evidence: { checkpoints: readonly SignedCheckpoint[]; roots: ReadonlyMap<number, readonly SignedRoot[]> },
): Promise<RangesJoined> {
  const joined = new CompactRange();
  const straddling: { id: number; hash: Buffer }[] = [];
  const links = new Map<number, string>();
  let treeHeadsHeld = 0;
  let endHash = '';
  for (const [r, outcome] of outcomes.entries()) {
    if (!outcome.ok) return { ok: false, problem: `positions ${(bounds[r] as number) + 1} to ${bounds[r + 1]}: ${outcome.reason}` };
    if (r > 0 && outcome.startHash !== endHash) return { ok: false, problem: `the range from position ${(bounds[r] as number) + 1} starts from another link than the range before ends on` };
    for (const [size, subtrees] of outcome.subtreesAt) {
      const root = extended(joined.copy(), subtrees).root();
      const signed = evidence.roots.get(size) ?? [];
      if (signed.some((head) => !root.equals(head.rootHash))) return { ok: false, problem: `a signed tree head of size ${size} has another root` };
      treeHeadsHeld += signed.length;
    }
    extended(joined, outcome.subtrees, (id, hash) => straddling.push({ id, hash }));
    for (const [position, link] of outcome.links) links.set(position, link);
    endHash = outcome.endHash;
  }
  const stored = await tree.readNodes(straddling.map((node) => node.id));
  const differs = straddling.find((node, i) => !stored[i] || !node.hash.equals(stored[i] as Uint8Array));
  if (differs) return { ok: false, problem: `the stored node ${differs.id} does not match the events under it` };
  const head = bounds.at(-1) as number;
  let held = 0;
  for (const checkpoint of evidence.checkpoints) {
    if (checkpoint.position > head) continue;
    if (links.get(checkpoint.position) !== checkpoint.headHash) return { ok: false, problem: `the checkpoint signed at ${checkpoint.signedAt} does not hold` };
    held++;
  }
  return { ok: true, point: { position: head, hash: endHash }, tree: joined, held, treeHeadsHeld };
}

function extended(range: CompactRange, subtrees: readonly Subtree[], onNode?: (id: number, hash: Buffer) => void): CompactRange {
  // Hashes come over from a worker as plain Uint8Arrays.
  for (const { level, hash } of subtrees) range.appendSubtree(level, Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength), onNode);
  return range;
}
