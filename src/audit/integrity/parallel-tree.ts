// The tree check of a verification in a worker thread (tree-worker.ts), so the chain and the
// tree use a core each: this thread reads the events and hashes each one's link and leaf (the
// same bytes, encoded once: stored-links.ts), and hands the leaf hashes over a page at a time;
// the worker reads the stored nodes, rebuilds the tree and holds every node and signed root to it.

import { Worker } from 'node:worker_threads';
import type { SignedRoot, TreeBreak } from '../merkle/tree-check.js';
import type { FromTreeWorker, ToTreeWorker, TreeWorkerData } from './tree-worker.js';

/** Pages handed over and not yet checked, at most: the walk waits beyond this, so memory stays bounded. */
const PAGES_AHEAD = 8;

export interface WorkerBreak {
  broken: TreeBreak;
  /** The position of the event whose leaf the check had just added. */
  at: number;
  /** Whether a signed tree head disagreed (checked after the event's leaf, and after its checkpoints). */
  signedRoot: boolean;
}

export class ParallelTreeCheck {
  private readonly worker: Worker;
  private pending: Buffer[] = [];
  private inFlight = 0;
  private waiting: (() => void) | undefined;
  private failure: Error | undefined;
  private ended: ((extra: TreeBreak | undefined) => void) | undefined;
  /** The first break the worker reported, if any: it checks no more after it. */
  broken: WorkerBreak | undefined;

  constructor(path: string, signed: ReadonlyMap<number, readonly SignedRoot[]>, script: URL = new URL('./tree-worker.js', import.meta.url)) {
    const data: TreeWorkerData = { path, signed: [...signed].map(([size, roots]) => [size, [...roots]]) };
    this.worker = new Worker(script, { workerData: data });
    this.worker.on('message', (message: FromTreeWorker) => this.heard(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (this.ended) this.fail(new Error(`the tree worker exited (${code}) before answering`));
    });
  }

  /** The next verified event's leaf hash. */
  add(leaf: Buffer): void {
    this.pending.push(leaf);
  }

  /** Hand the leaves added since the last flush to the worker; waits while it is PAGES_AHEAD pages behind. */
  async flush(): Promise<void> {
    this.throwIfFailed();
    if (this.pending.length > 0) {
      // A fresh buffer (never a slice of Node's pool), so it can be transferred rather than copied.
      const leaves = new Uint8Array(32 * this.pending.length);
      this.pending.forEach((leaf, i) => leaves.set(leaf, 32 * i));
      this.pending = [];
      this.inFlight++;
      this.worker.postMessage({ leaves } satisfies ToTreeWorker, [leaves.buffer]);
    }
    while (this.inFlight >= PAGES_AHEAD && !this.failure) await new Promise<void>((resolve) => (this.waiting = resolve));
    this.throwIfFailed();
  }

  /** After the walk: every leaf handed over checked, and whether the stored tree holds nodes beyond them. */
  async finish(): Promise<{ broken: WorkerBreak | undefined; extra: TreeBreak | undefined }> {
    await this.flush();
    const extra = await new Promise<TreeBreak | undefined>((resolve, reject) => {
      this.ended = resolve;
      this.failed = reject;
      if (this.failure) reject(this.failure);
      this.worker.postMessage({ end: true } satisfies ToTreeWorker);
    });
    return { broken: this.broken, extra };
  }

  /** Stop the worker (a walk that ended early, or failed). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private failed: ((error: Error) => void) | undefined;

  private heard(message: FromTreeWorker): void {
    if ('failed' in message) return this.fail(new Error(`the tree worker failed: ${message.failed}`));
    if ('extra' in message) {
      const ended = this.ended;
      this.ended = undefined;
      ended?.(message.extra);
      return;
    }
    if ('broken' in message) this.broken = message;
    this.inFlight--;
    this.wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.ended = undefined;
    this.failed?.(this.failure);
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
