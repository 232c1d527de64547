// The port's Subscription over a pushed feed (EventStoreDB's catch-up subscription:
// it replays the log from a position, then follows live appends). Events queue until
// the reader asks; a long queue pauses the feed. Each event is delivered once, in
// order, strictly after `after`. close() (or breaking out of for-await) ends every
// iteration, waiting ones included. If the feed fails or ends on its own, the reader
// gets the queued events and then the error.

import type { EventEmitter } from 'node:events';
import type { RecordedEvent, Subscription } from '../port.js';

/** A feed: emits 'data' (one raw event), 'error', 'end'/'close'; pause() and resume() hold it back. */
export interface Feed extends EventEmitter {
  pause(): unknown;
  resume(): unknown;
}

export interface OpenedFeed {
  feed: Feed;
  stop(): Promise<void>;
}

const PAUSE_AT = 512;
const RESUME_AT = 64;

type Waiter = { resolve: (result: IteratorResult<RecordedEvent>) => void; reject: (error: unknown) => void };

export class FeedSubscription implements Subscription {
  private readonly queue: RecordedEvent[] = [];
  private readonly waiters: Waiter[] = [];
  private opened: OpenedFeed | undefined;
  private paused = false;
  private closed = false;
  private failure: unknown;
  private last: number;

  /** `open` may find the subscription closed (isClosed) once it is ready to open the feed; it then opens nothing. */
  constructor(
    open: (subscription: FeedSubscription) => Promise<OpenedFeed | undefined>,
    private readonly decode: (raw: unknown) => RecordedEvent | undefined,
    after = 0,
    private readonly onClose: () => void = () => {},
  ) {
    this.last = after;
    open(this).then(
      (opened) => opened && this.attach(opened),
      (error: unknown) => this.fail(error),
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ done: true, value: undefined });
    this.onClose();
    await this.opened?.stop().catch(() => undefined);
  }

  private next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    const event = this.queue.shift();
    if (event) {
      if (this.paused && this.queue.length <= RESUME_AT) {
        this.paused = false;
        this.opened?.feed.resume();
      }
      return Promise.resolve({ done: false, value: event });
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private attach(opened: OpenedFeed): void {
    if (this.closed) {
      void opened.stop().catch(() => undefined);
      return;
    }
    this.opened = opened;
    opened.feed.on('data', (raw: unknown) => this.receive(raw));
    opened.feed.on('error', (error: unknown) => this.fail(error));
    const ended = () => this.fail(new Error('the EventStoreDB subscription ended without being closed'));
    opened.feed.on('end', ended);
    opened.feed.on('close', ended);
  }

  private receive(raw: unknown): void {
    if (this.closed || this.failure !== undefined) return;
    let event: RecordedEvent | undefined;
    try {
      event = this.decode(raw);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!event || event.position <= this.last) return;
    this.last = event.position;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ done: false, value: event });
      return;
    }
    this.queue.push(event);
    if (!this.paused && this.queue.length >= PAUSE_AT) {
      this.paused = true;
      this.opened?.feed.pause();
    }
  }

  private fail(error: unknown): void {
    if (this.closed || this.failure !== undefined) return;
    this.failure = error ?? new Error('the EventStoreDB subscription failed');
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
    void this.opened?.stop().catch(() => undefined);
  }
}
