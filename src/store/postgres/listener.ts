// One LISTEN connection per store, kept open while any subscription is: it wakes the
// store's subscriptions when another node commits. If it drops, it reconnects after
// `retryMs`; meanwhile, and for any notification lost on the way, subscriptions poll.

import pg from 'pg';
import type { Waker } from '../polling-subscription.js';

export class CommitListener implements Waker {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly connect: () => pg.Client,
    private readonly channel: string,
    private readonly retryMs: number,
  ) {}

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the connection once; later calls do nothing while it is open or reconnecting. */
  start(): void {
    if (this.closed || this.client || this.retry) return;
    const client = this.connect();
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => {
        this.retry = undefined;
        this.start();
      }, this.retryMs);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.notify());
    client
      .connect()
      .then(() => client.query(`LISTEN ${this.channel}`))
      // Anything committed while no connection listened is found by the next read.
      .then(() => this.notify())
      .catch(lost);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
