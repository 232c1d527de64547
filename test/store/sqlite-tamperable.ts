// The SQLite ledger as the tamper suite (tamper.suite.ts) wants it: the intruder opens the ledger
// file with a connection of their own. `parallel`: verified in ranges on worker threads;
// `writerScript`: written on a writer thread.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ParallelOptions } from '../../src/audit/integrity/parallel-ranges.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { toStoredEvent, type StoredRow } from '../../src/store/sql-rows.js';
import type { TamperableLog } from './tamper.suite.js';

export async function openTamperableSqlite(parallel?: Omit<ParallelOptions, 'path'>, writerScript?: URL): Promise<TamperableLog> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-tamper-'));
  const path = join(dir, 'ledger.db');
  // With a writer thread's script, appends are committed on that thread (writer: 'thread').
  const store = openSqliteEventStore(writerScript ? { path, writer: 'thread', writerScript } : { path });
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
    ...(parallel ? { parallel: { ...parallel, path } } : {}),
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
}
