// Idempotency-Key: a retried write gets the first response and writes nothing;
// the same key with another body is refused. A key is claimed before the write,
// so two concurrent requests with one key cannot both write.
//
// The answer to a write that appended is its receipt, kept by the event store in the
// append's own transaction (store/port.ts): a commit holds the events and their answer, or
// neither, so no crash can leave a recorded write without its answer. Claims and the
// answers to requests that appended nothing (refusals, a command that decided nothing, a
// store that keeps no receipts) live here, in server.db.
//
// A claim is only a lock: it names the process that made it (a boot id, new at each
// start) and is written without an fsync (WAL with synchronous=NORMAL: safe from
// corruption, visible to other processes at once). A claim whose key has a receipt is
// answered from the receipt. A claim made by another process, with no receipt, belongs to a
// request that process never finished (it died, or the store would hold the receipt): a
// retry takes it over and runs. Should that process still be running (two servers on one
// DATA_DIR), the store refuses the second append for the key, which then gets the first
// one's answer: one key, one append, whoever claims it. Without receipts (EventStoreDB) a
// claim is never taken over, since nothing can tell whether its write happened.
//
// Answers kept here that must survive a crash (refusals) are written in fsynced groups,
// those finished in one event-loop turn together, like the ledger's group commit.

import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../store/chain.js';
import type { EventStore, Receipt } from '../store/port.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

interface Row {
  request_hash: string;
  status: number | null;
  body: string | null;
  owner: string | null;
}

interface Completion {
  credentialId: string;
  key: string;
  status: number;
  body: string;
  resolve(): void;
  reject(error: unknown): void;
}

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body ?? null)}`).digest('hex');
}

/** Where an event store keeps receipts: its findReceipt, or nothing when it keeps none. */
type ReceiptFinder = (scope: string, key: string) => Promise<Receipt | undefined>;

export class IdempotencyKeys {
  /** This process: claims it makes carry it, so a later process knows they were left behind. */
  readonly bootId: string;
  private readonly findReceipt: ReceiptFinder | undefined;
  private readonly find: Database.Statement<[string, string], Row>;
  private readonly claimRow: Database.Statement;
  private readonly takeOverRow: Database.Statement;
  private readonly releaseRow: Database.Statement;
  private readonly unsynced: Database.Statement;
  private readonly synced: Database.Statement;
  private readonly completeAll: Database.Transaction<(group: readonly Completion[]) => void>;
  private waiting: Completion[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly db: Database.Database,
    store: Pick<EventStore, 'findReceipt'> = {},
    options: { bootId?: string } = {},
  ) {
    this.bootId = options.bootId ?? randomUUID();
    this.findReceipt = store.findReceipt?.bind(store);
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      credential_id TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (credential_id, key)
    )`);
    // The process that made a claim (NULL: made before claims named one, so by a process long gone).
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(idempotency_keys)').all();
    if (!columns.some((c) => c.name === 'owner')) db.exec('ALTER TABLE idempotency_keys ADD COLUMN owner TEXT');
    this.find = db.prepare('SELECT request_hash, status, body, owner FROM idempotency_keys WHERE credential_id = ? AND key = ?');
    this.claimRow = db.prepare(
      'INSERT INTO idempotency_keys (credential_id, key, request_hash, created_at, owner) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    // Compare-and-set on the owner seen: of two retries taking over one claim, one wins.
    this.takeOverRow = db.prepare(
      'UPDATE idempotency_keys SET owner = ?, created_at = ? WHERE credential_id = ? AND key = ? AND status IS NULL AND owner IS ?',
    );
    const completeRow = db.prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE credential_id = ? AND key = ?');
    this.completeAll = db.transaction((group: readonly Completion[]) => {
      for (const c of group) completeRow.run(c.status, c.body, c.credentialId, c.key);
    });
    this.releaseRow = db.prepare('DELETE FROM idempotency_keys WHERE credential_id = ? AND key = ? AND status IS NULL');
    this.unsynced = db.prepare('PRAGMA synchronous = NORMAL');
    this.synced = db.prepare('PRAGMA synchronous = FULL');
  }

  /** The event store keeps each append's answer with it (so `complete` is needed only for requests that appended nothing). */
  get storeKeepsReceipts(): boolean {
    return this.findReceipt !== undefined;
  }

  /** Claim a key for a request, or say why it cannot be claimed. Keys are per credential. */
  async claim(credentialId: string, key: string, hash: string): Promise<Claim> {
    const claimed = this.withoutFsync(() => this.claimRow.run(credentialId, key, hash, new Date().toISOString(), this.bootId).changes) === 1;
    const row = claimed ? undefined : this.find.get(credentialId, key);
    if (row && row.status !== null && row.body !== null) {
      return row.request_hash === hash ? { kind: 'replay', response: { status: row.status, body: JSON.parse(row.body) as unknown } } : { kind: 'mismatch' };
    }
    let receipt: Receipt | undefined;
    try {
      receipt = await this.findReceipt?.(credentialId, key);
    } catch (error) {
      // The store could not be asked: give back the claim just made, so a retry is not told "in use".
      if (claimed) this.release(credentialId, key);
      throw error;
    }
    if (receipt) {
      // The write was made: the claim (ours just now, or one left behind) has nothing more to guard.
      if (claimed || row?.owner !== this.bootId) this.release(credentialId, key);
      return receipt.requestHash === hash ? { kind: 'replay', response: { status: receipt.status, body: receipt.body } } : { kind: 'mismatch' };
    }
    if (claimed) return { kind: 'claimed' };
    if (!row) return this.claim(credentialId, key, hash);
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (this.storeKeepsReceipts && row.owner !== this.bootId && this.takeOver(credentialId, key, row.owner)) return { kind: 'claimed' };
    return { kind: 'in_progress' };
  }

  /**
   * Keep the response for replays of a request whose answer the store did not keep:
   * refusals, and writes without a receipt. Settles once the response is on disk; answer
   * the client only then.
   */
  complete(credentialId: string, key: string, response: StoredResponse): Promise<void> {
    const body = JSON.stringify(response.body);
    return new Promise((resolve, reject) => {
      this.waiting.push({ credentialId, key, status: response.status, body, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /**
   * Give the key back: when the request failed inside the ledger (5xx), so the client may
   * retry it; and when the store kept its receipt, which answers every retry from then on.
   */
  release(credentialId: string, key: string): void {
    this.withoutFsync(() => this.releaseRow.run(credentialId, key));
  }

  /** Write every response still waiting, now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    try {
      this.completeAll.immediate(group);
    } catch (error) {
      for (const c of group) c.reject(error);
      return;
    }
    for (const c of group) c.resolve();
  }

  private takeOver(credentialId: string, key: string, owner: string | null): boolean {
    return this.withoutFsync(() => this.takeOverRow.run(this.bootId, new Date().toISOString(), credentialId, key, owner).changes) === 1;
  }

  /** A lock, not a record: losing it to a power cut only lets a retry run, so it is not worth an fsync. */
  private withoutFsync<T>(write: () => T): T {
    this.unsynced.run();
    try {
      return write();
    } finally {
      this.synced.run();
    }
  }
}
