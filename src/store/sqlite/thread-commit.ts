// Group commit on a writer thread (writer-thread.ts): the main thread prepares each append,
// posts it as plain data (append-job.ts), and settles its promise when the thread reports the
// group's COMMIT returned, so an acknowledged append is as durable as with the event-loop
// writer. Meanwhile the event loop is free: requests go on being parsed while a commit syncs.

import { Worker } from 'node:worker_threads';
import { StoreUnavailable } from '../errors.js';
import type { AppendResult } from '../port.js';
import { answerTemplate, type AppendJob } from './append-job.js';
import type { Append, Committer } from './commit.js';
import { fromWire } from './wire-errors.js';
import type { FromWriter, ToWriter, WriterThreadData } from './writer-messages.js';

interface Pending {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export class ThreadCommit implements Committer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Appends of this turn of the event loop, posted together at its end (one message, one group). */
  private outbox: { id: number; job: AppendJob }[] = [];
  private posting: NodeJS.Immediate | undefined;
  /** Set once the thread is gone: every later append is refused with it. */
  private ended: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(
    script: URL,
    data: WriterThreadData,
    /** Called after each COMMIT with the number of appends it carried. */
    private readonly onCommit: (appends: number) => void,
  ) {
    this.worker = new Worker(script, { workerData: data });
    // An idle writer keeps no process alive; one with appends in flight does (submit).
    this.worker.unref();
    this.worker.on('message', (message: FromWriter) => this.receive(message));
    this.worker.on('error', (error) => this.end(error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.end(new StoreUnavailable(`the SQLite writer thread ended (exit code ${code})`));
        resolve();
      }),
    );
  }

  submit(append: Append): Promise<AppendResult> {
    if (this.ended) return Promise.reject(this.ended);
    const job: AppendJob = {
      streamId: append.streamId,
      events: append.events,
      expected: append.expected,
      ...(append.receipt ? { receipt: answerTemplate(append.receipt) } : {}),
    };
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.outbox.push({ id, job });
      this.posting ??= setImmediate(() => this.post());
    });
  }

  private post(): void {
    if (this.posting) clearImmediate(this.posting);
    this.posting = undefined;
    if (this.outbox.length === 0) return;
    this.send({ type: 'append', jobs: this.outbox });
    this.outbox = [];
  }

  /** The thread commits what it was sent, closes its connection, and ends. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.worker.ref();
      this.post();
      this.send({ type: 'close' });
    }
    await this.exited;
  }

  private send(message: ToWriter): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWriter): void {
    if (message.type === 'committed') {
      for (const outcome of message.outcomes) {
        const waiting = this.settle(outcome.id);
        if ('result' in outcome) waiting?.resolve(outcome.result);
        else waiting?.reject(fromWire(outcome.error));
      }
      this.onCommit(message.outcomes.length);
    } else if (message.type === 'failed') {
      const error = fromWire(message.error);
      for (const id of message.ids) this.settle(id)?.reject(error);
    }
  }

  private settle(id: number): Pending | undefined {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return waiting;
  }

  private end(error: Error): void {
    this.ended ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.ended);
    this.pending.clear();
  }
}
