// The same tamper-evidence suite (tamper.suite.ts) on the SQLite store, so both adapters are
// held to one set of outcomes: the intruder opens the ledger file with a connection of their own.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { toStoredEvent, type StoredRow } from '../../src/store/sql-rows.js';
import { describeTamperEvidence } from './tamper.suite.js';
import { writerThreadScript } from '../support/worker-script.js';

const writers = ['loop', 'thread'] as const;

for (const writer of writers) describeTamperEvidence(`SQLite, written ${writer === 'loop' ? 'on the event loop' : 'on a writer thread'}`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-tamper-'));
  const path = join(dir, 'ledger.db');
  const store = openSqliteEventStore({ path, writer, ...(writer === 'thread' ? { writerScript: await writerThreadScript() } : {}) });
  const intrude = async (work: (run: (sql: string, ...params: unknown[]) => void, intruder: Database.Database) => void) => {
    const intruder = new Database(path);
    try {
      intruder.transaction(() => work((sql, ...params) => expect(intruder.prepare(sql).run(...params).changes).toBeGreaterThan(0), intruder))();
    } finally {
      intruder.close();
    }
  };
  return {
    store,
    async rows() {
      const reader = new Database(path, { readonly: true });
      try {
        return reader.prepare<[], StoredRow>('SELECT position, stream_id, revision, id, type, version, data, metadata, hash FROM events ORDER BY position').raw().all().map(toStoredEvent);
      } finally {
        reader.close();
      }
    },
    setColumns: (position, columns) =>
      intrude((run) => {
        const names = Object.keys(columns) as (keyof typeof columns)[];
        run(`UPDATE events SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE position = ?`, ...names.map((name) => columns[name]), position);
      }),
    deleteRows: (from, to) => intrude((run) => run('DELETE FROM events WHERE position >= ? AND position <= ?', from, to ?? Number.MAX_SAFE_INTEGER)),
    swapRows: (a, b) =>
      intrude((run, intruder) => {
        // The unique columns need the rows out of the way first.
        const rows = intruder.prepare('SELECT * FROM events WHERE position IN (?, ?)').all(a, b) as { position: number }[];
        run('DELETE FROM events WHERE position IN (?, ?)', a, b);
        const insert = 'INSERT INTO events (position, stream_id, revision, id, type, version, data, metadata, hash) VALUES (@position, @stream_id, @revision, @id, @type, @version, @data, @metadata, @hash)';
        for (const row of rows) run(insert, { ...row, position: row.position === a ? b : a });
      }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}, { merkleTree: true });
