// Signed checkpoints in PostgreSQL (STORE=postgres), shared by every API node: a statement
// signed by one node is listed, and checked against, by all of them.
//
// One signer at a time, whichever node: signing holds a session advisory lock of the
// schema's own on a connection of its own for the whole walk and the insert, so each
// statement is checked against the last one signed. A node that dies while signing loses
// its connection, and with it the lock. The periodic signing does not wait for the lock (a
// node holding it is signing that head already); a signing asked for waits up to a minute.

import { monotonicFactory } from 'ulid';
import type { Database } from '../../../postgres/database.js';
import { guarded } from '../../../postgres/unavailable.js';
import type { SignedCheckpoint } from '../../integrity/statement.js';
import type { CheckpointStore, SigningTurn, StoredCheckpoint } from '../port.js';

const DDL = `
  CREATE TABLE IF NOT EXISTS checkpoints (
    sequence bigserial PRIMARY KEY,
    ledger text NOT NULL,
    position bigint NOT NULL,
    head_hash text NOT NULL,
    signed_at text NOT NULL,
    key_id text NOT NULL,
    signature text NOT NULL,
    -- the signed tree head (C2SP checkpoint note) of size = position, when one was signed with the statement
    tree_head text
  );
  CREATE INDEX IF NOT EXISTS checkpoints_by_position ON checkpoints (position);
  CREATE TABLE IF NOT EXISTS ledger_identity (
    id integer PRIMARY KEY CHECK (id = 1),
    ledger_id text NOT NULL,
    created_at text NOT NULL
  )`;

const LOCK = `hashtextextended('engagement-ledger signing ' || current_schema(), 0)`;
/** How long a signing asked for waits for another node's to finish. */
const WAIT_FOR_SIGNER = '60s';

interface Row {
  sequence: number;
  ledger: string;
  position: number;
  head_hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
  tree_head: string | null;
}

const toStored = (row: Row): StoredCheckpoint => ({
  sequence: row.sequence,
  statement: { ledger: row.ledger, position: row.position, headHash: row.head_hash, signedAt: row.signed_at, keyId: row.key_id, signature: row.signature },
  treeHead: row.tree_head,
});

const newId = monotonicFactory();

export class PostgresCheckpointStore implements CheckpointStore {
  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<PostgresCheckpointStore> {
    await db.migrate('checkpoint', DDL);
    return new PostgresCheckpointStore(db);
  }

  async ledgerId(): Promise<string> {
    await this.db.query('naming the ledger', 'INSERT INTO ledger_identity (id, ledger_id, created_at) VALUES (1, $1, $2) ON CONFLICT DO NOTHING', [
      `ledger-${newId()}`,
      new Date().toISOString(),
    ]);
    const { rows } = await this.db.query<{ ledger_id: string }>('naming the ledger', 'SELECT ledger_id FROM ledger_identity WHERE id = 1');
    return rows[0]?.ledger_id as string;
  }

  async record(s: SignedCheckpoint, treeHead: string | null = null): Promise<StoredCheckpoint> {
    const { rows } = await this.db.query<{ sequence: number }>(
      'keeping a signed checkpoint',
      'INSERT INTO checkpoints (ledger, position, head_hash, signed_at, key_id, signature, tree_head) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING sequence',
      [s.ledger, s.position, s.headHash, s.signedAt, s.keyId, s.signature, treeHead],
    );
    return { sequence: rows[0]?.sequence as number, statement: s, treeHead };
  }

  async list(options: { after?: number; limit?: number } = {}): Promise<StoredCheckpoint[]> {
    const { rows } = await this.db.query<Row>('listing signed checkpoints', 'SELECT * FROM checkpoints WHERE sequence > $1 ORDER BY sequence LIMIT $2', [
      options.after ?? 0,
      options.limit ?? null,
    ]);
    return rows.map(toStored);
  }

  async latest(): Promise<StoredCheckpoint | null> {
    const { rows } = await this.db.query<Row>('reading the latest checkpoint', 'SELECT * FROM checkpoints ORDER BY sequence DESC LIMIT 1');
    return rows[0] ? toStored(rows[0]) : null;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('counting signed checkpoints', 'SELECT count(*)::int8 AS n FROM checkpoints');
    return rows[0]?.n ?? 0;
  }

  async treeHeadsOfSize(size: number): Promise<string[]> {
    const { rows } = await this.db.query<{ tree_head: string }>(
      'reading signed tree heads',
      'SELECT tree_head FROM checkpoints WHERE position = $1 AND tree_head IS NOT NULL ORDER BY sequence DESC',
      [size],
    );
    return rows.map((row) => row.tree_head);
  }

  async largestTreeHeads(): Promise<string[]> {
    const { rows } = await this.db.query<{ tree_head: string }>(
      'reading signed tree heads',
      'SELECT tree_head FROM checkpoints WHERE tree_head IS NOT NULL ORDER BY position DESC, sequence DESC LIMIT 16',
    );
    return rows.map((row) => row.tree_head);
  }

  async whileSigning<T>(work: () => Promise<T>, turn: SigningTurn = {}): Promise<T | undefined> {
    const client = await guarded('taking the signing lock', () => this.db.pool.connect());
    let broken: Error | undefined;
    try {
      if (turn.wait === false) {
        const { rows } = await guarded('taking the signing lock', () => client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${LOCK}) AS got`));
        if (!rows[0]?.got) return undefined;
      } else {
        await guarded('waiting for the signing lock', () => client.query(`SET lock_timeout = '${WAIT_FOR_SIGNER}'; SELECT pg_advisory_lock(${LOCK}); RESET lock_timeout`));
      }
      try {
        return await work();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LOCK})`).catch((error: unknown) => {
          // The connection is gone, and the lock with it: it must not go back to the pool.
          broken = error instanceof Error ? error : new Error(String(error));
        });
      }
    } catch (error) {
      broken ??= error instanceof Error && (error as { code?: string }).code === 'STORE_UNAVAILABLE' ? error : undefined;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {}
}
