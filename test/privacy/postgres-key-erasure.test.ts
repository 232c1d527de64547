// Erasure on PostgreSQL destroys the key's bytes in the database's files, not only the row:
// after `erase`, the wrapped key is in no file of the key tables (read by the server itself,
// pg_read_binary_file, after a CHECKPOINT), while a kept subject's key still is (so the
// search can find one). A plain DELETE, with or without VACUUM, leaves the bytes of the
// last-inserted row in the page's free space: this test fails if the erasure stops
// rewriting the subject's partition (VACUUM FULL). Needs a superuser (the test's own
// PostgreSQL is one) to CHECKPOINT and read relation files.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/postgres/database.js';
import { SubjectKeys } from '../../src/privacy/key-store.js';
import { KEY_PARTITIONS, PostgresKeyStore } from '../../src/privacy/keys/postgres/key-store.js';
import { freshSchema, postgresForTests, withConnection } from '../support/postgres.js';

const available = await postgresForTests('postgres key erasure');

describe.skipIf(!available)('erasing a subject on PostgreSQL', () => {
  let schema: { schema: string; url: string; drop(): Promise<void> };
  let db: Database;
  let store: PostgresKeyStore;
  let keys: SubjectKeys;

  beforeAll(async () => {
    schema = await freshSchema('key_erasure');
    db = new Database({ connectionString: schema.url, applicationName: 'key erasure test' });
    store = await PostgresKeyStore.open(db);
    keys = await SubjectKeys.over(store, () => randomBytes(32));
  });
  afterAll(async () => {
    await keys?.close();
    await db?.close();
    await schema?.drop();
  });

  /** Every byte of every file of the key tables, as the server has them on disk. */
  async function keyTableFiles(): Promise<Buffer[]> {
    return withConnection(async (client) => {
      await client.query('CHECKPOINT');
      const tables = ['erased_subjects', 'key_store_meta', ...Array.from({ length: KEY_PARTITIONS }, (_, r) => `subject_keys_p${r}`)];
      const files: Buffer[] = [];
      for (const table of tables) {
        const { rows } = await client.query<{ bytes: Buffer | null }>(
          `SELECT CASE WHEN pg_relation_size($1::regclass) > 0 THEN pg_read_binary_file(pg_relation_filepath($1::regclass)) END AS bytes`,
          [`"${schema.schema}".${table}`],
        );
        if (rows[0]?.bytes) files.push(rows[0].bytes);
      }
      return files;
    });
  }

  it('leaves the wrapped key in no file of the key tables, the last-inserted row included', async () => {
    const kept = Array.from({ length: 40 }, (_, i) => `kept-${i}`);
    await keys.keysToSeal(kept);
    // Sealed last: its row sits at the free end of its page, where a DELETE and a VACUUM leave its bytes.
    await keys.keysToSeal(['erased-person']);
    const wrapped = await store.wrappedKeys(['erased-person', 'kept-7']);
    const [gone, stays] = [wrapped.get('erased-person') as Buffer, wrapped.get('kept-7') as Buffer];
    expect((await keyTableFiles()).some((file) => file.includes(gone))).toBe(true);

    expect(await keys.erase('erased-person', '2026-11-23T00:00:00.000Z')).toBe('erased');

    const files = await keyTableFiles();
    expect(files.some((file) => file.includes(gone))).toBe(false);
    expect(files.some((file) => file.includes(stays))).toBe(true);
    expect(await keys.status('erased-person')).toBe('erased');
  });
});
