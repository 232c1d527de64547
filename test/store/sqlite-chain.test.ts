// The SQLite adapter's tamper-evident chain: how it is built, and what verify() catches
// when someone edits the file behind the store's back.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAIN_FORMAT, GENESIS_HASH, canonicalJson, chainHash } from '../../src/store/chain.js';
import { openDatabase } from '../../src/store/sqlite/schema.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { toRecordedEvent, type EventRow } from '../../src/store/sql-rows.js';
import { newEvent, newEvents } from '../contract/event-store.contract.js';
import { alterationsAt } from '../support/column-tampering.js';

let dir: string;
let path: string;
let store: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-chain-'));
  path = join(dir, 'events.db');
  store = openSqliteEventStore({ path });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Appends `count` events, each with distinct data, over a few streams, some appends carrying several. */
async function fillLog(target: SqliteEventStore, count: number): Promise<void> {
  const appends: Promise<unknown>[] = [];
  for (let written = 0, i = 0; written < count; i++) {
    const size = Math.min(1 + (i % 4), count - written);
    const events = Array.from({ length: size }, (_, j) => newEvent({ seq: written + j }));
    appends.push(target.append(`stream-${i % 7}`, events));
    written += size;
  }
  await Promise.all(appends);
}

/** Edits the file through a connection of its own, as an intruder would. */
function tamper(sql: string, ...params: unknown[]): void {
  const intruder = new Database(path);
  try {
    const changed = intruder.prepare(sql).run(...params).changes;
    expect(changed).toBeGreaterThan(0);
  } finally {
    intruder.close();
  }
}

function rowsOnDisk(): EventRow[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare<[], EventRow>('SELECT * FROM events ORDER BY position').all();
  } finally {
    reader.close();
  }
}

describe('the hash chain of the SQLite store', () => {
  it('verifies an empty log, its head being the genesis hash', () => {
    expect(store.verify()).toEqual({ ok: true, headPosition: 0, headHash: GENESIS_HASH, checked: 0 });
  });

  it('links every stored row to the one before, from genesis, over positions 1..n', async () => {
    await fillLog(store, 40);

    const rows = rowsOnDisk();

    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    let previous = GENESIS_HASH;
    for (const row of rows) {
      const { hash, ...event } = toRecordedEvent(row);
      expect(hash).toBe(chainHash(previous, event));
      previous = row.hash;
    }
  });

  it('verifies after many appends spanning several pages and reports the head', async () => {
    await fillLog(store, 700);

    const check = store.verify();

    expect(check).toEqual({ ok: true, headPosition: 700, headHash: rowsOnDisk().at(-1)?.hash, checked: 700 });
  });

  it('continues the chain when the store is reopened', async () => {
    await fillLog(store, 10);
    await store.close();

    store = openSqliteEventStore({ path });
    await fillLog(store, 10);

    expect(store.verify()).toMatchObject({ ok: true, headPosition: 20, checked: 20 });
  });

  it('stays linked when two connections to one file take turns appending', async () => {
    const other = openSqliteEventStore({ path });
    try {
      for (let i = 0; i < 10; i++) {
        await store.append('shared', [newEvent()]);
        await other.append('shared', newEvents(2));
      }
      expect(other.verify()).toMatchObject({ ok: true, headPosition: 30 });
      expect((await store.readStream('shared')).map((e) => e.revision)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    } finally {
      await other.close();
    }
  });

  describe('when the file is altered behind the store', () => {
    beforeEach(async () => {
      await fillLog(store, 300);
    });

    it("an event's data bytes changed is caught at that event", () => {
      const [row] = rowsOnDisk().filter((r) => r.position === 123);
      tamper('UPDATE events SET data = ? WHERE position = 123', row!.data.replace('"seq":122', '"seq":121'));

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 123, checked: 122 });
    });

    it("an event's metadata changed is caught at that event", () => {
      tamper(`UPDATE events SET metadata = json_set(metadata, '$.actor', 'user:mallory') WHERE position = 7`);

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 7 });
    });

    it('an event deleted is caught at its position', () => {
      tamper('DELETE FROM events WHERE position = 200');

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 200, checked: 199 });
    });

    it("two events' data swapped is caught at the first of them", () => {
      tamper(
        `UPDATE events SET data = CASE position
           WHEN 40 THEN (SELECT data FROM events WHERE position = 90)
           ELSE (SELECT data FROM events WHERE position = 40) END
         WHERE position IN (40, 90)`,
      );

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 40 });
    });

    it('an event rewritten with a recomputed hash breaks the link of the next one', () => {
      const rows = rowsOnDisk();
      const { hash: _old, ...event } = toRecordedEvent(rows[49]!);
      const forged = { ...event, data: { index: 999 } };
      tamper('UPDATE events SET data = ?, hash = ? WHERE position = 50', canonicalJson(forged.data), chainHash(rows[48]!.hash, forged));

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 51 });
    });

    it('the same value spelled differently is caught: the chain covers the stored bytes', () => {
      const [row] = rowsOnDisk().filter((r) => r.position === 77);
      tamper('UPDATE events SET data = ? WHERE position = 77', JSON.stringify(JSON.parse(row!.data), null, 1));

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 77, checked: 76 });
    });

    it('bytes moved from one column to the next are caught, though the concatenation is unchanged', () => {
      const [row] = rowsOnDisk().filter((r) => r.position === 150);
      // Data keeps its closing brace's worth less, metadata gains it in front: hashing the columns
      // run together without framing would not see this.
      tamper('UPDATE events SET data = ?, metadata = ? WHERE position = 150', row!.data.slice(0, -1), `}${row!.metadata}`);

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 150, checked: 149 });
    });

    it('data that is no longer JSON is caught at that event', () => {
      tamper(`UPDATE events SET data = '{broken' WHERE position = 260`);

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: 260, checked: 259 });
    });

    it.each(alterationsAt([['the first', 1], ['a middle', 150], ['the last', 300]]))("an event's %s column altered, at %s event, is caught at that event", (_column, _where, position, sql) => {
      tamper(sql, position);

      expect(store.verify()).toMatchObject({ ok: false, brokenAt: position, checked: position - 1 });
    });
  });
});

describe('the chain format', () => {
  it('is recorded in the file, and a file of the earlier format (re-serialised events) is refused, not appended to', async () => {
    await store.append('s', newEvents(2));
    const reader = new Database(path, { readonly: true });
    try {
      expect(reader.pragma('user_version', { simple: true })).toBe(CHAIN_FORMAT);
    } finally {
      reader.close();
    }

    const old = join(dir, 'format-1.db');
    const writer = new Database(old);
    writer.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision))`);
    writer.prepare(`INSERT INTO events VALUES (1, 's', 0, 'e1', 'T', 1, '{}', '{}', ?)`).run('0'.repeat(64));
    writer.close();
    expect(() => openSqliteEventStore({ path: old })).toThrow(/format 1/);
  });
});

describe('the SQLite file settings', () => {
  it('uses the write-ahead log, kept in the file for every connection', () => {
    const reader = new Database(path, { readonly: true });
    try {
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reader.close();
    }
  });

  it('fsyncs every commit (synchronous=FULL) unless told otherwise, and waits when another writer holds the lock', () => {
    const full = openDatabase(join(dir, 'full.db'));
    const normal = openDatabase(join(dir, 'normal.db'), 'NORMAL');
    try {
      // 2 is FULL, 1 is NORMAL.
      expect(full.pragma('synchronous', { simple: true })).toBe(2);
      expect(normal.pragma('synchronous', { simple: true })).toBe(1);
      expect(full.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      full.close();
      normal.close();
    }
  });
});
