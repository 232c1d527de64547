// The server's own small database (credentials, browser sessions, idempotency keys), beside the ledger.

import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ensureDataDir, openSqliteFile } from '../data-dir.js';

export function openServerDb(dataDir: string): Database.Database {
  ensureDataDir(dataDir);
  const db = openSqliteFile(join(dataDir, 'server.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return db;
}
