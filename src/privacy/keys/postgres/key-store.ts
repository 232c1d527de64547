// Personal-data keys in PostgreSQL (STORE=postgres), shared by every API node: a subject's
// key made on one node is the key every node seals and opens with, and an erasure through
// any node is seen by the next read of all of them.
//
// Destroying a key on PostgreSQL (SECURITY.md, "Erasure on PostgreSQL"): a DELETE only
// marks the row's version dead; its bytes stay in the table's file until the page is
// pruned, and pruning compacts the page without clearing the space it frees (an UPDATE to
// zeros first would change nothing: it writes a new version beside the old). So after the
// DELETE commits, the erasure rewrites the table the key was in (VACUUM FULL: a new file
// holding only live rows; the old one is truncated and unlinked). To keep that rewrite
// short, keys are spread over KEY_PARTITIONS hash partitions and only the subject's own is
// rewritten (it holds the ACCESS EXCLUSIVE lock meanwhile, so seals and reveals of that
// sixteenth of the subjects wait). What no table rewrite reaches, the WAL, its archive,
// base backups and replicas' copies, is stated in SECURITY.md.
//
// Sealing and erasing take one advisory lock of the key store (sealing shared, erasing
// exclusive), so no key is kept for a subject an erasure is erasing at the same moment.

import type pg from 'pg';
import type { Database } from '../../../postgres/database.js';
import { SubjectAlreadyErased, type KeyStore, type SubjectStatus } from '../port.js';

export const KEY_PARTITIONS = 16;

const partitions = Array.from({ length: KEY_PARTITIONS }, (_, r) => r);

const DDL = `
  CREATE TABLE IF NOT EXISTS key_store_meta (name text PRIMARY KEY, value bytea NOT NULL);
  CREATE TABLE IF NOT EXISTS subject_keys (subject_id text PRIMARY KEY, wrapped bytea NOT NULL, created_at text NOT NULL) PARTITION BY HASH (subject_id);
  ${partitions.map((r) => `CREATE TABLE IF NOT EXISTS ${partitionOf(r)} PARTITION OF subject_keys FOR VALUES WITH (MODULUS ${KEY_PARTITIONS}, REMAINDER ${r});`).join('\n  ')}
  CREATE TABLE IF NOT EXISTS erased_subjects (subject_id text PRIMARY KEY, erased_at text NOT NULL)`;

function partitionOf(remainder: number): string {
  return `subject_keys_p${remainder}`;
}

const LOCK = `hashtextextended('engagement-ledger subject keys ' || current_schema(), 0)`;

export class PostgresKeyStore implements KeyStore {
  readonly name = 'PostgreSQL (subject_keys)';

  private constructor(private readonly db: Database) {}

  static async open(db: Database): Promise<PostgresKeyStore> {
    await db.migrate('personal-data key', DDL);
    return new PostgresKeyStore(db);
  }

  async checkValue(): Promise<Buffer | undefined> {
    const { rows } = await this.db.query<{ value: Buffer }>('reading the key store', "SELECT value FROM key_store_meta WHERE name = 'master_check'");
    return rows[0]?.value;
  }

  async keepCheckValue(value: Buffer): Promise<Buffer> {
    await this.db.query('writing the key store', "INSERT INTO key_store_meta (name, value) VALUES ('master_check', $1) ON CONFLICT DO NOTHING", [value]);
    return (await this.checkValue()) as Buffer;
  }

  async status(subjectId: string): Promise<SubjectStatus> {
    const { rows } = await this.db.query<{ erased: boolean; live: boolean }>(
      'reading the key store',
      `SELECT EXISTS (SELECT 1 FROM erased_subjects WHERE subject_id = $1) AS erased, EXISTS (SELECT 1 FROM subject_keys WHERE subject_id = $1) AS live`,
      [subjectId],
    );
    return rows[0]?.erased ? 'erased' : rows[0]?.live ? 'live' : 'unknown';
  }

  async wrappedKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    if (subjectIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ subject_id: string; wrapped: Buffer }>(
      'reading personal-data keys',
      'SELECT subject_id, wrapped FROM subject_keys WHERE subject_id = ANY($1::text[])',
      [[...new Set(subjectIds)]],
    );
    return new Map(rows.map((row) => [row.subject_id, row.wrapped]));
  }

  async wrappedKeysToSeal(subjectIds: readonly string[], make: (subjectId: string) => Buffer): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(subjectIds)];
    if (wanted.length === 0) return new Map();
    return this.db.transaction('making personal-data keys', async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock_shared(${LOCK})`);
      const erased = await client.query<{ subject_id: string }>('SELECT subject_id FROM erased_subjects WHERE subject_id = ANY($1::text[]) LIMIT 1', [wanted]);
      if (erased.rows[0]) throw new SubjectAlreadyErased(erased.rows[0].subject_id);
      const keys = await this.read(client, wanted);
      const missing = wanted.filter((id) => !keys.has(id));
      if (missing.length > 0) {
        const made = missing.map((id) => make(id));
        const now = new Date().toISOString();
        await client.query(
          `INSERT INTO subject_keys (subject_id, wrapped, created_at)
           SELECT id, wrapped, $3 FROM unnest($1::text[], $2::bytea[]) AS k(id, wrapped) ON CONFLICT DO NOTHING`,
          [missing, made, now],
        );
        // Ours, or another node's made at the same moment: whichever was kept is the subject's key.
        for (const [id, wrapped] of await this.read(client, missing)) keys.set(id, wrapped);
      }
      return keys;
    });
  }

  async erase(subjectId: string, erasedAt: string): Promise<'erased' | 'already_erased'> {
    const outcome = await this.db.transaction('erasing a personal-data key', async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
      const removed = await client.query('DELETE FROM subject_keys WHERE subject_id = $1', [subjectId]);
      const remembered = await client.query('INSERT INTO erased_subjects (subject_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [subjectId, erasedAt]);
      return (removed.rowCount ?? 0) > 0 || (remembered.rowCount ?? 0) > 0 ? 'erased' : 'already_erased';
    });
    // Repeated on every erasure of the subject, so an erasure cut short here is finished by running it again.
    const { rows } = await this.db.query<{ r: number }>(
      'finding the key’s partition',
      `SELECT r FROM unnest($2::int[]) AS r WHERE satisfies_hash_partition('subject_keys'::regclass, ${KEY_PARTITIONS}, r, $1::text)`,
      [subjectId, partitions],
    );
    const remainder = rows[0]?.r;
    if (remainder === undefined) throw new Error(`no partition of subject_keys takes subject ${subjectId}`);
    await this.db.query('rewriting the erased key’s partition', `VACUUM FULL ${partitionOf(remainder)}`);
    return outcome;
  }

  async close(): Promise<void> {}

  private async read(client: pg.ClientBase, subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const { rows } = await client.query<{ subject_id: string; wrapped: Buffer }>('SELECT subject_id, wrapped FROM subject_keys WHERE subject_id = ANY($1::text[])', [subjectIds]);
    return new Map(rows.map((row) => [row.subject_id, row.wrapped]));
  }
}
