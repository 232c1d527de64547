// Idempotency-Key: a retried write gets the first response and writes nothing;
// the same key with another body is refused. A key is claimed before the write,
// so two concurrent requests with one key cannot both write.
//
// The answer to a write that appended is its receipt, kept by the event store in the
// append's own transaction (store/port.ts): a commit holds the events and their answer, or
// neither, so no crash can leave a recorded write without its answer. Claims and the
// answers to requests that appended nothing (refusals, a command that decided nothing, a
// store that keeps no receipts) are kept by a ClaimStore (src/idempotency: server.db, or
// PostgreSQL shared by every node).
//
// A claim is only a lock naming the process that made it. A claim whose key has a receipt
// is answered from the receipt. A claim held by another process, with no receipt, is taken
// over when the claim store's rule says its holder cannot be finishing it (a process that
// died); until then the request waits, a few seconds at most, for the holder's answer, so
// the same key sent twice at once (to one node or two) gets one answer twice. Without
// receipts (EventStoreDB) a claim is never taken over, since nothing can tell whether its
// write happened.
//
// Answers kept that must survive a crash (refusals) are written in groups, those finished
// in one event-loop turn together, like the ledger's group commit.
//
// A claim whose key has a receipt guards nothing more: it is given back after the answer,
// grouped with the others of its event-loop turn in one release (`releaseAnswered`), not
// waited for. The bound: it goes within a turn or two of the answer, or, while the claim
// store cannot be reached, is tried again each second. Until it goes, a retry finds the claim
// ours, asks the store, and replays the receipt: what it would get after the release.

import { createHash } from 'node:crypto';
import type { ClaimKey, ClaimStore, StoredAnswer } from '../idempotency/port.js';
import { canonicalJson } from '../store/chain.js';
import type { EventStore, Receipt } from '../store/port.js';

export type StoredResponse = StoredAnswer;

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

interface Completion {
  scope: string;
  key: string;
  status: number;
  body: unknown;
  resolve(): void;
  reject(error: unknown): void;
}

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body ?? null)}`).digest('hex');
}

/** Where an event store keeps receipts: its findReceipt, or nothing when it keeps none. */
type ReceiptFinder = (scope: string, key: string) => Promise<Receipt | undefined>;

/** How long a request waits for another's answer to the same key before being told it is in use. */
export const IN_USE_WAIT_MS = 5_000;

export class IdempotencyKeys {
  private readonly findReceipt: ReceiptFinder | undefined;
  private readonly waitMs: number;
  private waiting: Completion[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Claims this process could not give back (the database was unreachable), tried again each second. */
  private readonly unreleased = new Map<string, ClaimKey>();
  private releasing: NodeJS.Timeout | undefined;
  /** Claims answered by a receipt, given back together at the end of this turn. */
  private answered: ClaimKey[] = [];
  private answeredScheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly claims: ClaimStore,
    store: Pick<EventStore, 'findReceipt'> = {},
    options: { waitMs?: number } = {},
  ) {
    this.findReceipt = store.findReceipt?.bind(store);
    this.waitMs = options.waitMs ?? IN_USE_WAIT_MS;
  }

  /** This process: claims it makes carry it, so a later process knows they were left behind. */
  get bootId(): string {
    return this.claims.owner;
  }

  /** The event store keeps each append's answer with it (so `complete` is needed only for requests that appended nothing). */
  get storeKeepsReceipts(): boolean {
    return this.findReceipt !== undefined;
  }

  /**
   * Claim a key for a request, or say why it cannot be claimed. Keys are per scope (the
   * credential). A key held by a request still running waits for its answer (polled), then
   * replays it; `in_progress` only when none came within the wait.
   */
  async claim(scope: string, key: string, hash: string): Promise<Claim> {
    const deadline = Date.now() + this.waitMs;
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const claim = await this.tryClaim(scope, key, hash);
      if (claim.kind !== 'in_progress' || Date.now() + pause > deadline) return claim;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async tryClaim(scope: string, key: string, hash: string): Promise<Claim> {
    const claimed = await this.claims.claim(scope, key, hash);
    const held = claimed ? undefined : await this.claims.find(scope, key);
    if (held?.answer) return held.requestHash === hash ? { kind: 'replay', response: held.answer } : { kind: 'mismatch' };
    let receipt: Receipt | undefined;
    try {
      receipt = await this.findReceipt?.(scope, key);
    } catch (error) {
      // The store could not be asked: give back the claim just made, so a retry is not told "in use".
      if (claimed) await this.claims.release(scope, key).catch(() => undefined);
      throw error;
    }
    if (receipt) {
      // The write was made: the claim (ours just now, or one left behind) has nothing more to guard.
      if (claimed || held?.owner !== this.claims.owner) this.releaseAnswered(scope, key);
      return receipt.requestHash === hash ? { kind: 'replay', response: { status: receipt.status, body: receipt.body } } : { kind: 'mismatch' };
    }
    if (claimed) return { kind: 'claimed' };
    if (!held) return this.tryClaim(scope, key, hash);
    if (held.requestHash !== hash) return { kind: 'mismatch' };
    if (this.storeKeepsReceipts && held.owner !== this.claims.owner && (await this.claims.takeOver(scope, key, held.owner))) return { kind: 'claimed' };
    return { kind: 'in_progress' };
  }

  /**
   * Keep the response for replays of a request whose answer the store did not keep:
   * refusals, and writes without a receipt. Settles once the response is durable; answer
   * the client only then.
   */
  complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ scope, key, status: response.status, body: response.body, resolve, reject });
      this.scheduled ??= setImmediate(() => void this.flush());
    });
  }

  /**
   * Give the key back, and wait for it: when the request failed inside the ledger (5xx), so
   * the client may retry it at once. (A key the store kept a receipt for: `releaseAnswered`.)
   */
  async release(scope: string, key: string): Promise<void> {
    try {
      await this.claims.release(scope, key);
    } catch {
      this.releaseLater([{ scope, key }]);
    }
  }

  /**
   * Give back the claim of a key whose answer the store kept (its receipt answers every retry),
   * without waiting: released with the others of this event-loop turn, in one go.
   */
  releaseAnswered(scope: string, key: string): void {
    this.answered.push({ scope, key });
    this.answeredScheduled ??= setImmediate(() => void this.releaseAnsweredNow());
  }

  private async releaseAnsweredNow(): Promise<void> {
    if (this.answeredScheduled) clearImmediate(this.answeredScheduled);
    this.answeredScheduled = undefined;
    const group = this.answered;
    this.answered = [];
    if (group.length === 0) return;
    try {
      await this.claims.releaseAll(group);
    } catch {
      this.releaseLater(group);
    }
  }

  /** Left held, a claim would keep retries waiting until its lease ends: give it back later. */
  private releaseLater(claims: readonly ClaimKey[]): void {
    if (this.closed) return;
    for (const c of claims) this.unreleased.set(`${c.scope}\n${c.key}`, c);
    this.releasing ??= setInterval(() => void this.releaseLeftovers(), 1_000).unref();
  }

  private async releaseLeftovers(): Promise<void> {
    const leftovers = [...this.unreleased.values()];
    try {
      await this.claims.releaseAll(leftovers);
    } catch {
      return;
    }
    for (const c of leftovers) this.unreleased.delete(`${c.scope}\n${c.key}`);
    if (this.unreleased.size > 0) return;
    clearInterval(this.releasing);
    this.releasing = undefined;
  }

  /**
   * Give back the answered claims of this turn, and stop trying to give back the others (the
   * server is closing; a later process takes them over). Before the claim store closes.
   */
  close(): void {
    void this.releaseAnsweredNow();
    this.closed = true;
    clearInterval(this.releasing);
    this.releasing = undefined;
  }

  /** Write every response still waiting, now. */
  async flush(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    try {
      await this.claims.keep(group.map(({ scope, key, status, body }) => ({ scope, key, status, body })));
    } catch (error) {
      for (const c of group) c.reject(error);
      return;
    }
    for (const c of group) c.resolve();
  }
}
