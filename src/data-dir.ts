// The data directory holds the log, the personal-data keys, the credentials and the signing
// key: only the user the ledger runs as may read any of it. The directory is made 0700 and
// every file 0600. SQLite gives a database's -wal and -shm files the permissions of the
// database file itself, so each database file is created 0600 before SQLite opens it: every
// opener (the event store, server.db, keys.db, the read models) goes through openSqliteFile.

import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Make the data directory (and any missing parent) readable by its owner only. An existing one is left as it is. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Create `path` empty and 0600 if it does not exist; take group and other access away if it does. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tighten(path);
}

function tighten(path: string): void {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Open (creating if need be) an SQLite database whose file, and so whose -wal and -shm, are 0600.
 * An in-memory database and a read-only open are passed straight through.
 */
export function openSqliteFile(path: string, options: Database.Options = {}): Database.Database {
  if (path !== ':memory:' && path !== '' && !options.readonly) {
    ensureDataDir(dirname(path));
    if (!options.fileMustExist) ensurePrivateFile(path);
    else tighten(path);
    // Left behind by an older version or a crash: they would keep their looser mode.
    tighten(`${path}-wal`);
    tighten(`${path}-shm`);
  }
  return new Database(path, options);
}
