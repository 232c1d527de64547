// A subscription reads the log page by page after the last position it delivered, so
// catch-up and live delivery are the same loop and nothing is skipped or repeated. When
// it runs dry it sleeps until woken (a commit by this process; for PostgreSQL a NOTIFY
// from another node) or the poll interval passes: the poll is how appends by another
// process on the same SQLite file are seen, and what delivers an event whose PostgreSQL
// notification was missed (the listening connection was down, the NOTIFY was lost).
//
// Reading "after the last position" never skips an event, because positions become
// visible in order with no gap: SQLite has one writer, and for PostgreSQL see
// ARCHITECTURE.md, "PostgreSQL: order and the chain".

import { StoreUnavailable } from './errors.js';
import type { RecordedEvent, Subscription } from './port.js';

export type PageReader = (after: number) => RecordedEvent[] | Promise<RecordedEvent[]>;

/** Something that wakes sleeping subscriptions. */
export interface Waker {
  listen(listener: () => void): () => void;
}

export class PollingSubscription implements Subscription {
  private after: number;
  private page: RecordedEvent[] = [];
  private closed = false;
  private wake: (() => void) | undefined;
  /** Pulls run one after another, so concurrent next() calls cannot read the same page twice. */
  private lastPull: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly readPage: PageReader,
    private readonly wakers: readonly Waker[],
    private readonly pollIntervalMs: number,
    after: number,
    private readonly onClose: (subscription: PollingSubscription) => void,
  ) {
    this.after = after;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => {
        const pull = this.lastPull.then(() => this.pull());
        this.lastPull = pull.catch(() => undefined);
        return pull;
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose(this);
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      const event = this.page.shift();
      if (event) return { done: false, value: event };
      let page: RecordedEvent[];
      try {
        page = await this.readPage(this.after);
      } catch (error) {
        // The server restarting, the connection lost: try again after the poll interval,
        // from the same place, so a follower recovers by itself. Other errors end next().
        if (!(error instanceof StoreUnavailable)) throw error;
        await this.sleep();
        continue;
      }
      if (this.closed) break;
      this.page = page;
      const last = page.at(-1);
      if (last) this.after = last.position;
      else await this.sleep();
    }
    return { done: true, value: undefined };
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        for (const stop of stops) stop();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      const stops = this.wakers.map((waker) => waker.listen(wake));
      this.wake = wake;
    });
  }
}
