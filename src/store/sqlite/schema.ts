// Opening the database file: the pragmas the store's guarantees rest on, and the tables
// (the events, the receipts kept with appends: receipts.ts, and the Merkle tree's nodes: tree.ts).

import type Database from 'better-sqlite3';
import { openSqliteFile } from '../../data-dir.js';
import { CHAIN_FORMAT } from '../chain.js';
import { CREATE_RECEIPTS } from './receipts.js';
import { CREATE_TREE } from './tree.js';

export type Synchronous = 'FULL' | 'NORMAL';

/** How long a writer waits for another process's write transaction before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

const CREATE_EVENTS = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  )`;

export function openDatabase(path: string, synchronous: Synchronous = 'FULL'): Database.Database {
  const db = openSqliteFile(path);
  try {
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    // WAL is what lets readers (subscriptions, other processes) run beside a writer;
    // a file that cannot use it would silently lose that, so refuse it. An in-memory
    // database has no journal file and only one connection, so it needs none.
    if (journalMode !== 'wal' && path !== ':memory:') {
      throw new Error(`${path}: journal_mode is ${String(journalMode)}, WAL is required`);
    }
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec(CREATE_EVENTS);
    db.exec(CREATE_RECEIPTS);
    db.exec(CREATE_TREE);
    checkChainFormat(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The file's user_version is the chain format its hashes follow. A new (empty) file takes
 * this version's; a file of another format is refused rather than appended to with links
 * its verifiers would not recompute. Format 1 (hashing re-serialised events) was never
 * deployed; a format-1 file is re-created by importing its events again.
 */
function checkChainFormat(db: Database.Database, path: string): void {
  const format = db.pragma('user_version', { simple: true }) as number;
  if (format === CHAIN_FORMAT) return;
  if (format === 0 && db.prepare('SELECT 1 FROM events LIMIT 1').get() === undefined) {
    db.pragma(`user_version = ${CHAIN_FORMAT}`);
    return;
  }
  const found = format === 0 ? 1 : format;
  throw new Error(`${path}: its hash chain is format ${found}; this ledger reads and writes format ${CHAIN_FORMAT} only`);
}
