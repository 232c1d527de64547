// Idempotency-Key claims in PostgreSQL (STORE=postgres), shared by every API node: the same
// key sent to two nodes is claimed by one, and the other waits for its answer.
//
// Taking over a claim another node holds, with no answer kept (the rule, ARCHITECTURE.md):
//   - at once when that node is gone: no connection of it is left in pg_stat_activity
//     (each node holds one, named for it: src/postgres/presence.ts), so it cannot be
//     running the request; a node killed mid-request loses its claims within moments;
//   - otherwise once the claim is older than the lease (CLAIM_LEASE_SECONDS): a request is
//     not expected to run that long, so its node is stuck.
// Either way the event store refuses a second append for a key that has a receipt, so a
// node wrongly thought gone costs a command decided twice, never an event written twice.
// Times are the database's (now()), so the nodes' clocks do not matter.

import type { Database } from '../../postgres/database.js';
import { Presence, PRESENCE_PREFIX } from '../../postgres/presence.js';
import type { ClaimKey, ClaimRecord, ClaimStore, KeptAnswer } from '../port.js';

/** How long a live node may hold a claim before another takes it over. */
export const CLAIM_LEASE_SECONDS = 30;

const DDL = `
  CREATE TABLE IF NOT EXISTS idempotency_claims (
    scope text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status integer,
    body text,
    owner text,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
  )`;

interface Row {
  request_hash: string;
  status: number | null;
  body: string | null;
  owner: string | null;
}

export class PostgresClaimStore implements ClaimStore {
  private constructor(
    private readonly db: Database,
    private readonly presence: Presence,
    private readonly leaseSeconds: number,
  ) {}

  get owner(): string {
    return this.presence.node;
  }

  /** Claims made through this store name `owner`, present on the database while the store is open. */
  static async open(db: Database, owner: string, options: { leaseSeconds?: number } = {}): Promise<PostgresClaimStore> {
    await db.migrate('idempotency claim', DDL);
    const presence = new Presence(db.settings.connectionString, owner);
    await presence.start();
    return new PostgresClaimStore(db, presence, options.leaseSeconds ?? CLAIM_LEASE_SECONDS);
  }

  async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'claiming an idempotency key',
      'INSERT INTO idempotency_claims (scope, key, request_hash, owner) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [scope, key, requestHash, this.owner],
    );
    return rowCount === 1;
  }

  async find(scope: string, key: string): Promise<ClaimRecord | undefined> {
    const { rows } = await this.db.query<Row>(
      'reading an idempotency key',
      'SELECT request_hash, status, body, owner FROM idempotency_claims WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    const answer = row.status !== null && row.body !== null ? { status: row.status, body: JSON.parse(row.body) as unknown } : null;
    return { requestHash: row.request_hash, answer, owner: row.owner };
  }

  async takeOver(scope: string, key: string, heldBy: string | null): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'taking over an idempotency key',
      `UPDATE idempotency_claims SET owner = $4, claimed_at = now()
        WHERE scope = $1 AND key = $2 AND status IS NULL
          AND owner IS NOT DISTINCT FROM $3 AND owner IS DISTINCT FROM $4
          AND (owner IS NULL
               OR claimed_at <= now() - make_interval(secs => $5)
               OR NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = $6 || owner))`,
      [scope, key, heldBy, this.owner, this.leaseSeconds, PRESENCE_PREFIX],
    );
    return rowCount === 1;
  }

  async keep(answers: readonly KeptAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    // One statement for the group; committed (and flushed, synchronous_commit) when it returns.
    await this.db.query(
      'keeping idempotent answers',
      `UPDATE idempotency_claims AS c SET status = a.status, body = a.body
         FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS a(scope, key, status, body)
        WHERE c.scope = a.scope AND c.key = a.key`,
      [answers.map((a) => a.scope), answers.map((a) => a.key), answers.map((a) => a.status), answers.map((a) => JSON.stringify(a.body))],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.db.query('giving back an idempotency key', 'DELETE FROM idempotency_claims WHERE scope = $1 AND key = $2 AND status IS NULL', [scope, key]);
  }

  async releaseAll(claims: readonly ClaimKey[]): Promise<void> {
    if (claims.length === 0) return;
    await this.db.query(
      'giving back idempotency keys',
      `DELETE FROM idempotency_claims
        WHERE (scope, key) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND status IS NULL`,
      [claims.map((c) => c.scope), claims.map((c) => c.key)],
    );
  }

  async close(): Promise<void> {
    await this.presence.close();
  }
}
