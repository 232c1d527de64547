// The embedded runner: in the server process, it reads the log from the lowest
// checkpoint in batches and applies each batch to every projection. A projection
// whose reducer throws is retried with backoff, then parked; the others go on.

import type { ProjectionObserver } from '../observability/observers.js';
import type { EventStore } from '../store/port.js';
import { applyBatch } from './apply-batch.js';
import { toProjectedEvent } from './projected-event.js';
import type { ProjectedEvent, Projection } from './projection.js';
import type { ReadModelStore } from './read-model-store.js';
import { lowestLivePosition, projectionStates, type ProjectionState, type ReadSide } from './read-side.js';

export interface RunnerOptions {
  batchSize?: number;
  /** Events read per batch when rebuilding: bigger, as nobody waits on a copy's progress. Default 10000. */
  rebuildBatchSize?: number;
  /** How long to sleep when the log has nothing new (appends in this process wake it at once). */
  idleMs?: number;
  /** Attempts before a failing projection is parked. */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Told of each batch applied or failed (metrics). */
  observer?: ProjectionObserver;
}


const REBUILD_SUFFIX = '~rebuild';

export class EmbeddedRunner {
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  /** Event types some projection handles: the only ones read from the log. */
  private readonly types: readonly string[];
  private readonly idleMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly observer: ProjectionObserver | undefined;
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
    this.rebuildBatchSize = options.rebuildBatchSize ?? 10_000;
    this.types = [...new Set(projections.flatMap((p) => p.eventTypes))];
    this.idleMs = options.idleMs ?? 200;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 50;
    this.observer = options.observer;
  }

  /** Rebuild projections whose version changed, then follow the log until stopped. */
  async start(): Promise<void> {
    const changed = [];
    for (const projection of this.projections) {
      const checkpoint = await this.readModels.checkpoint(projection.name);
      if (checkpoint && checkpoint.version !== projection.version) changed.push(projection.name);
    }
    if (changed.length > 0) await this.rebuildAll(changed);
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
    await this.rebuildAll([name], onProgress);
  }

  /**
   * Rebuild several projections in one pass over the log: each batch is read and parsed
   * once and applied to every copy, then all copies are swapped in.
   */
  async rebuildAll(names: readonly string[] = this.projections.map((p) => p.name), onProgress?: (position: number, head: number) => void): Promise<void> {
    const rebuilding = names.map((name) => {
      const projection = this.projections.find((p) => p.name === name);
      if (!projection) throw new Error(`there is no projection ${name}`);
      return projection;
    });
    for (const projection of rebuilding) await this.readModels.drop(projection.name + REBUILD_SUFFIX);
    const types = [...new Set(rebuilding.flatMap((p) => p.eventTypes))];
    for (let position = 0; ; ) {
      const { through, events } = await this.readBatch(position, this.rebuildBatchSize, types);
      if (through <= position) break;
      for (const projection of rebuilding) await applyBatch(this.readModels, projection, { after: position, through, events }, projection.name + REBUILD_SUFFIX);
      position = through;
      onProgress?.(through, Math.max(through, this.head));
      await yieldToIo();
    }
    for (const projection of rebuilding) {
      await this.readModels.swap(projection.name + REBUILD_SUFFIX, projection.name);
      this.failures.delete(projection.name);
    }
  }

  private async follow(): Promise<void> {
    while (this.running) {
      const applied = await this.step().catch(() => 0);
      if (applied === 0 && this.running) await this.sleep(this.idleMs);
      // better-sqlite3 answers synchronously, so a catch-up would otherwise run batch after
      // batch in microtasks and the server would answer no request until it reached the head.
      else await yieldToIo();
    }
  }

  /** One batch from the lowest live checkpoint; returns how many events it read. */
  private async step(): Promise<number> {
    const live = await this.liveProjections();
    if (live.length === 0) return 0;
    const from = Math.min(...live.map((l) => l.position));
    const { through, events } = await this.readBatch(from, this.batchSize, this.types);
    if (through <= from) {
      this.settleWaiters(from);
      return 0;
    }
    this.head = Math.max(this.head, through);
    for (const { projection, position } of live) {
      if (position >= through) continue;
      await this.applyWithRetry(projection, { after: position, through, events });
    }
    this.settleWaiters(await this.lowestPosition());
    return through - from;
  }

  /**
   * The next events of the given types after `after`, read in the store (the rest of the log,
   * mostly feedback no projection reads, is skipped unparsed), and the position they take
   * the checkpoints to: their last one, or the head when the page is short (the log holds
   * nothing of those types between them and the head read before them).
   */
  private async readBatch(after: number, maxCount: number, types: readonly string[]): Promise<{ through: number; events: ProjectedEvent[] }> {
    const head = await this.store.headPosition();
    const recorded = await this.store.readAll({ after, maxCount, types });
    const last = recorded.at(-1)?.position ?? after;
    return { through: recorded.length < maxCount ? Math.max(last, head) : last, events: recorded.map(toProjectedEvent) };
  }

  private async applyWithRetry(projection: Projection<unknown>, batch: Parameters<typeof applyBatch>[2]): Promise<void> {
    const started = performance.now();
    try {
      await applyBatch(this.readModels, projection, batch);
      this.failures.delete(projection.name);
      this.observer?.batchApplied?.(projection.name, batch.events.length, (performance.now() - started) / 1000);
    } catch (error) {
      const attempts = (this.failures.get(projection.name) ?? 0) + 1;
      this.failures.set(projection.name, attempts);
      this.observer?.batchFailed?.(projection.name, attempts >= this.maxAttempts);
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

/** Let timers and I/O (HTTP requests, appends) run between batches. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
