// A real ledger on disk for the tamper-evidence tests: built once (the demo ledger through
// the domain, then a generated one), copied for each test, and altered the way an intruder
// would: with a connection of their own to the SQLite file.

import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { sqliteLedgerIntegrity } from '../../src/audit/checkpoints/sqlite/checkpoint-store.js';
import { evidenceOf, type LedgerIntegrity } from '../../src/audit/integrity/ledger-integrity.js';
import { verifyLedger, verifyLedgerWith, type LedgerVerification } from '../../src/audit/integrity/verify.js';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { appendGenerated } from '../../src/generate/index.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import type { EventRow } from '../../src/store/sql-rows.js';
import { rangeWorkerScript } from '../support/range-worker-script.js';

/** Where a built ledger's file lies; copy it, never alter it. */
export interface LedgerTemplate {
  path: string;
  events: number;
  remove(): void;
}

/** The demo ledger (sent through the domain as officers would) followed by `generated` generated events. */
export async function buildLedgerTemplate(generated = 300): Promise<LedgerTemplate> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-template-'));
  const path = join(dir, 'ledger.db');
  const store = openSqliteEventStore({ path });
  try {
    const demo = await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo);
    const more = generated > 0 ? await appendGenerated(store, { seed: 5, events: generated, start: '2021-01-01T00:00:00Z', window: 1 }) : 0;
    return { path, events: demo + more, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    // Closing checkpoints the write-ahead log into the file, so the file alone is the ledger.
    await store.close();
  }
}

export interface LedgerCopy {
  dir: string;
  /** DATA_DIR/ledger.db */
  path: string;
  store: SqliteEventStore;
  /** DATA_DIR/server.db */
  serverDb: Database.Database;
  integrity: LedgerIntegrity;
  /** Runs SQL on the ledger file through a connection of its own, as an intruder would; it must change something. */
  tamper(sql: string, ...params: unknown[]): void;
  /** Runs `work` in one transaction on an intruder's connection to the ledger file. */
  tamperWith(work: (intruder: Database.Database) => void): void;
  rows(): EventRow[];
  /** verifyLedger against every checkpoint kept in server.db; the parallel mode (both cores) must answer exactly the same. */
  verify(): Promise<LedgerVerification>;
  close(): Promise<void>;
}

/** A data directory holding a copy of the template's ledger, opened as the server opens it. */
export async function copyLedger(template: LedgerTemplate): Promise<LedgerCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
  const path = join(dir, 'ledger.db');
  copyFileSync(template.path, path);
  const store = openSqliteEventStore({ path });
  const serverDb = openServerDb(dir);
  const integrity = await sqliteLedgerIntegrity(dir, serverDb);
  const tamperWith = (work: (intruder: Database.Database) => void) => {
    const intruder = new Database(path);
    try {
      intruder.transaction(() => work(intruder))();
    } finally {
      intruder.close();
    }
  };
  return {
    dir,
    path,
    store,
    serverDb,
    integrity,
    tamper(sql, ...params) {
      tamperWith((intruder) => expect(intruder.prepare(sql).run(...params).changes).toBeGreaterThan(0));
    },
    tamperWith,
    rows() {
      const reader = new Database(path, { readonly: true });
      try {
        return reader.prepare<[], EventRow>('SELECT * FROM events ORDER BY position').all();
      } finally {
        reader.close();
      }
    },
    async verify() {
      const evidence = await evidenceOf(integrity);
      const oneThread = await verifyLedger(store, undefined, evidence);
      const head = await store.headPosition();
      let fellBack = false;
      // Three ranges, however short the log, so ranges meet inside it, and at unaligned positions.
      const parallel = { path, script: await rangeWorkerScript(), workers: 3, minRange: 1, onFallback: () => (fellBack = true) };
      const bothCores = await verifyLedgerWith(store, { evidence, parallel });
      expect(bothCores, 'the parallel verification answers as the one-thread one').toEqual(oneThread);
      // The ranges found the break themselves (the one-thread walk only names it), and nothing on a sound log.
      const brokenInside = oneThread.ok === false && oneThread.brokenAt !== null && oneThread.brokenAt <= head;
      expect(fellBack, 'the ranges find a break inside the log, and only then').toBe(brokenInside);
      return oneThread;
    },
    async close() {
      await store.close();
      serverDb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
