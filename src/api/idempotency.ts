// Idempotency-Key: a retried write gets the first response and writes nothing;
// the same key with another body is refused. A key is claimed before the write,
// so two concurrent requests with one key cannot both write.

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../store/chain.js';

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
}

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body ?? null)}`).digest('hex');
}

export class IdempotencyKeys {
  private readonly find: Database.Statement<[string, string], Row>;
  private readonly claimRow: Database.Statement;
  private readonly completeRow: Database.Statement;
  private readonly releaseRow: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      credential_id TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (credential_id, key)
    )`);
    this.find = db.prepare('SELECT request_hash, status, body FROM idempotency_keys WHERE credential_id = ? AND key = ?');
    this.claimRow = db.prepare(
      'INSERT INTO idempotency_keys (credential_id, key, request_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.completeRow = db.prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE credential_id = ? AND key = ?');
    this.releaseRow = db.prepare('DELETE FROM idempotency_keys WHERE credential_id = ? AND key = ? AND status IS NULL');
  }

  /** Claim a key for a request, or say why it cannot be claimed. Keys are per credential. */
  claim(credentialId: string, key: string, hash: string): Claim {
    if (this.claimRow.run(credentialId, key, hash, new Date().toISOString()).changes === 1) return { kind: 'claimed' };
    const row = this.find.get(credentialId, key);
    if (!row) return this.claim(credentialId, key, hash);
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.status === null || row.body === null) return { kind: 'in_progress' };
    return { kind: 'replay', response: { status: row.status, body: JSON.parse(row.body) as unknown } };
  }

  /** Keep the response for replays: successes and refusals alike, so a retry sees what the first try saw. */
  complete(credentialId: string, key: string, response: StoredResponse): void {
    this.completeRow.run(response.status, JSON.stringify(response.body), credentialId, key);
  }

  /** Give the key back when the request failed inside the ledger (5xx): the client may retry it. */
  release(credentialId: string, key: string): void {
    this.releaseRow.run(credentialId, key);
  }
}
