// The embedded runner: in the server process, it reads the log from the lowest
// checkpoint in batches and applies each batch to every projection. A projection
// whose reducer throws is retried with backoff, then parked; the others go on.

import type { EventStore } from '../store/port.js';
import { applyBatch } from './apply-batch.js';
import { toProjectedEvent } from './projected-event.js';
import type { Projection } from './projection.js';
import type { ReadModelStore } from './read-model-store.js';
import { lowestLivePosition, projectionStates, type ProjectionState, type ReadSide } from './read-side.js';

export interface RunnerOptions {
  batchSize?: number;
  /** How long to sleep when the log has nothing new (appends in this process wake it at once). */
  idleMs?: number;
  /** Attempts before a failing projection is parked. */
  maxAttempts?: number;
  retryBaseMs?: number;
}


const REBUILD_SUFFIX = '~rebuild';

export class EmbeddedRunner {
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private head = 0;
  private readonly failures = new Map<string, number>();
  private waiters: Array<{ position: number; resolve(): void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection<unknown>[],
    options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.idleMs = options.idleMs ?? 200;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 50;
  }

  /** Rebuild projections whose version changed, then follow the log until stopped. */
  async start(): Promise<void> {
    for (const projection of this.projections) {
      const checkpoint = await this.readModels.checkpoint(projection.name);
      if (checkpoint && checkpoint.version !== projection.version) await this.rebuild(projection.name);
    }
    this.running = true;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Something was appended in this process: look now rather than at the next poll. */
  poke(): void {
    this.wake?.();
  }

  /** Apply everything in the log now; resolves when every live projection is at the head. */
  async catchUp(): Promise<void> {
    while ((await this.step()) > 0) {
      // keep going until a step finds nothing new
    }
  }

  /** Resolves true once every running projection has passed `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if ((await this.lowestPosition()) >= position) return true;
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      this.wake?.();
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  async states(): Promise<ProjectionState[]> {
    return projectionStates(this.store, this.readModels, this.projections);
  }

  /** The read side of an in-process runner: its documents, progress, and waits woken by its own commits. */
  readSide(): ReadSide {
    return { readModels: this.readModels, waitFor: (position, ms) => this.waitFor(position, ms), states: () => this.states() };
  }

  /** Replay the whole log into a fresh copy, then swap it in at once; the live copy serves reads meanwhile. */
  async rebuild(name: string, onProgress?: (position: number, head: number) => void): Promise<void> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`there is no projection ${name}`);
    const copy = name + REBUILD_SUFFIX;
    await this.readModels.drop(copy);
    for (;;) {
      const position = (await this.readModels.checkpoint(copy))?.position ?? 0;
      const recorded = await this.store.readAll({ after: position, maxCount: this.batchSize });
      if (recorded.length === 0) break;
      const through = (recorded.at(-1) as { position: number }).position;
      await applyBatch(this.readModels, projection, { after: position, through, events: recorded.map(toProjectedEvent) }, copy);
      onProgress?.(through, Math.max(through, this.head));
    }
    await this.readModels.swap(copy, name);
    this.failures.delete(name);
  }

  private async follow(): Promise<void> {
    while (this.running) {
      const applied = await this.step().catch(() => 0);
      if (applied === 0 && this.running) await this.sleep(this.idleMs);
    }
  }

  /** One batch from the lowest live checkpoint; returns how many events it read. */
  private async step(): Promise<number> {
    const live = await this.liveProjections();
    if (live.length === 0) return 0;
    const from = Math.min(...live.map((l) => l.position));
    const recorded = await this.store.readAll({ after: from, maxCount: this.batchSize });
    if (recorded.length === 0) {
      this.settleWaiters(from);
      return 0;
    }
    const through = (recorded.at(-1) as { position: number }).position;
    this.head = Math.max(this.head, through);
    const events = recorded.map(toProjectedEvent);
    for (const { projection, position } of live) {
      if (position >= through) continue;
      await this.applyWithRetry(projection, { after: position, through, events });
    }
    this.settleWaiters(await this.lowestPosition());
    return recorded.length;
  }

  private async applyWithRetry(projection: Projection<unknown>, batch: Parameters<typeof applyBatch>[2]): Promise<void> {
    try {
      await applyBatch(this.readModels, projection, batch);
      this.failures.delete(projection.name);
    } catch (error) {
      const attempts = (this.failures.get(projection.name) ?? 0) + 1;
      this.failures.set(projection.name, attempts);
      const message = error instanceof Error ? error.message : String(error);
      if (attempts >= this.maxAttempts) {
        await this.readModels.setStatus(projection.name, 'parked', `${message} (at a batch after position ${batch.after}, ${attempts} attempts)`);
      } else {
        await this.readModels.setStatus(projection.name, 'running', message);
        await this.sleep(this.retryBaseMs * 2 ** (attempts - 1));
      }
    }
  }

  private async liveProjections(): Promise<Array<{ projection: Projection<unknown>; position: number }>> {
    const live = [];
    for (const projection of this.projections) {
      const checkpoint = await this.readModels.checkpoint(projection.name);
      if (checkpoint?.status === 'parked') continue;
      live.push({ projection, position: checkpoint?.position ?? 0 });
    }
    return live;
  }

  private lowestPosition(): Promise<number> {
    return lowestLivePosition(this.readModels, this.projections);
  }

  private settleWaiters(position: number): void {
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done() {
        self.wake = undefined;
        resolve();
      }
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  }
}
