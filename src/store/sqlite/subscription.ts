// A subscription reads the log page by page after the last position it delivered,
// so catch-up and live delivery are the same loop and nothing is skipped or repeated.
// When it runs dry it sleeps until this process commits or the poll interval passes
// (the poll is how appends by another process on the same file are seen).

import type { RecordedEvent, Subscription } from '../port.js';
import type { CommitNotifier } from './commit-notifier.js';

export type PageReader = (after: number) => RecordedEvent[];

export class LogSubscription implements Subscription {
  private after: number;
  private page: RecordedEvent[] = [];
  private closed = false;
  private wake: (() => void) | undefined;
  /** Pulls run one after another, so concurrent next() calls cannot read the same page twice. */
  private lastPull: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly readPage: PageReader,
    private readonly commits: CommitNotifier,
    private readonly pollIntervalMs: number,
    after: number,
    private readonly onClose: (subscription: LogSubscription) => void,
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
      this.page = this.readPage(this.after);
      const last = this.page.at(-1);
      if (last) this.after = last.position;
      else await this.sleep();
    }
    return { done: true, value: undefined };
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        stopListening();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      const stopListening = this.commits.listen(wake);
      this.wake = wake;
    });
  }
}
