// Tamper evidence on PostgreSQL (tamper.suite.ts): the intruder edits the events table with
// a connection of their own. Each test's log lives in a schema of its own, dropped after.

import { openPostgresEventStore } from '../../src/store/postgres/index.js';
import type { StoredEvent } from '../../src/store/port.js';
import { dropSchema, postgresForTests, TEST_DATABASE_URL, uniqueSchema, withConnection } from '../support/postgres.js';
import { describeTamperEvidence } from './tamper.suite.js';
import { describe, expect } from 'vitest';

const available = await postgresForTests('postgres tamper evidence');

describe.skipIf(!available)('PostgreSQL', () => {
  describeTamperEvidence('PostgreSQL', async () => {
    const schema = uniqueSchema('tamper');
    const store = openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema });
    /** One transaction on the intruder's own connection; every statement must change a row. */
    const intrude = (work: (run: (sql: string, values?: unknown[]) => Promise<void>) => Promise<void>) =>
      withConnection(async (client) => {
        await client.query('BEGIN');
        await work(async (sql, values) => {
          expect((await client.query(sql, values)).rowCount).toBeGreaterThan(0);
        });
        await client.query('COMMIT');
      }, schema);
    return {
      store,
      rows: () =>
        withConnection(async (client) => {
          const { rows } = await client.query<{ position: string; stream_id: string; revision: number; id: string; type: string; version: number; data: string; metadata: string; hash: string }>(
            'SELECT * FROM events ORDER BY position',
          );
          return rows.map(
            (r): StoredEvent => ({ position: Number(r.position), streamId: r.stream_id, revision: r.revision, id: r.id, type: r.type, version: r.version, dataJson: r.data, metadataJson: r.metadata, hash: r.hash }),
          );
        }, schema),
      setColumns: (position, columns) =>
        intrude(async (run) => {
          const names = Object.keys(columns) as (keyof typeof columns)[];
          await run(`UPDATE events SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')} WHERE position = $1`, [position, ...names.map((name) => columns[name])]);
        }),
      deleteRows: (from, to) => intrude((run) => run('DELETE FROM events WHERE position >= $1 AND position <= $2', [from, to ?? Number.MAX_SAFE_INTEGER])),
      swapRows: (a, b) =>
        intrude(async (run) => {
          // The unique columns need the rows out of the way first.
          await run(`CREATE TEMP TABLE swapped ON COMMIT DROP AS SELECT * FROM events WHERE position IN ($1, $2)`, [a, b]);
          await run('DELETE FROM events WHERE position IN ($1, $2)', [a, b]);
          await run(`INSERT INTO events SELECT CASE position WHEN $1::bigint THEN $2::bigint ELSE $1::bigint END, stream_id, revision, id, type, version, data, metadata, hash FROM swapped`, [a, b]);
        }),
      async close() {
        await store.close();
        await dropSchema(schema);
      },
    };
  }, { merkleTree: true });
});
