// Backups of the embedded store while it takes writes. SQLite's online backup copies
// the log as one consistent snapshot, from a read-only connection in any process (WAL
// lets it read beside the writer), so a server never stops for a backup.
//
// A backup is one SQLite file: the events table exactly as the copy found it, plus a
// manifest (the head it holds) and the other files a ledger needs to be itself again,
// as blobs (the caller says which). Restoring copies the log out and drops the rest.

import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ensurePrivateFile, openSqliteFile } from '../../data-dir.js';

export const BACKUP_FORMAT = 'engagement-ledger-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** Events in the copy: positions 1 to headPosition. */
  headPosition: number;
  /** The hash of the event at headPosition; null for an empty log. */
  headHash: string | null;
}

/** A file kept in the backup beside the log, by name. */
export interface BackupFile {
  name: string;
  content: Buffer;
}

const MANIFEST_TABLE = 'ledger_backup_manifest';
const FILES_TABLE = 'ledger_backup_files';

/** Pages per copy step: all of them, so the copy is one read transaction, never restarted by a write. */
const ALL_PAGES = 0x7fffffff;

/** Open an existing SQLite file to read only; a WAL file nobody has open still needs its -shm made, so fall back to a normal open. */
function openToRead(path: string): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get();
    return db;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') throw error;
    const db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  }
}

/** A consistent copy of a (small) SQLite database, as bytes: the server's own database. */
export function snapshotDatabase(path: string): Buffer {
  const db = openToRead(path);
  try {
    return db.serialize();
  } finally {
    db.close();
  }
}

/**
 * Copy the log at `ledgerPath` into a new backup file `target` with `files` beside it.
 * Written under a temporary name and renamed at the end: a failed backup leaves nothing.
 */
export async function backupLedger(ledgerPath: string, target: string, files: readonly BackupFile[] = []): Promise<BackupManifest> {
  if (existsSync(target)) throw new Error(`${target} exists; a backup never overwrites a file`);
  const partial = `${target}.partial-${process.pid}`;
  const source = openToRead(ledgerPath);
  try {
    // Created 0600 first: the copy holds the log, and beside it the credentials and the signing key.
    ensurePrivateFile(partial);
    await source.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    removeDatabase(partial);
    throw error;
  } finally {
    source.close();
  }
  let manifest: BackupManifest;
  const copy = openSqliteFile(partial);
  try {
    // A copy of a WAL database is in WAL mode; the backup is one file, so it keeps a rollback journal.
    copy.pragma('journal_mode = DELETE');
    const head = copy.prepare<[], { position: number; hash: string }>('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').get();
    manifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), headPosition: head?.position ?? 0, headHash: head?.hash ?? null };
    copy.exec(`CREATE TABLE ${MANIFEST_TABLE} (manifest TEXT NOT NULL); CREATE TABLE ${FILES_TABLE} (name TEXT PRIMARY KEY, content BLOB NOT NULL)`);
    copy.prepare(`INSERT INTO ${MANIFEST_TABLE} (manifest) VALUES (?)`).run(JSON.stringify(manifest));
    const insert = copy.prepare(`INSERT INTO ${FILES_TABLE} (name, content) VALUES (?, ?)`);
    for (const file of files) insert.run(file.name, file.content);
    copy.close();
  } catch (error) {
    copy.close();
    removeDatabase(partial);
    throw error;
  }
  renameSync(partial, target);
  return manifest;
}

export interface OpenedBackup {
  manifest: BackupManifest;
  files: Map<string, Buffer>;
}

/** The manifest and the files of a backup; throws when `file` is not one. */
export function readBackup(file: string): OpenedBackup {
  const db = openToRead(file);
  try {
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
    if (!tables.has(MANIFEST_TABLE) || !tables.has(FILES_TABLE) || !tables.has('events')) throw new Error(`${file} is not a ledger backup`);
    const manifest = JSON.parse(db.prepare<[], string>(`SELECT manifest FROM ${MANIFEST_TABLE}`).pluck().get() ?? '{}') as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new Error(`${file} is a backup of format ${String(manifest.format)}; this ledger reads ${BACKUP_FORMAT}`);
    const files = new Map(db.prepare<[], BackupFile>(`SELECT name, content FROM ${FILES_TABLE}`).all().map((f) => [f.name, f.content]));
    return { manifest, files };
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new Error(`${file} is not a ledger backup (not an SQLite file)`);
    throw error;
  } finally {
    db.close();
  }
}

/** Copy the log out of backup `file` into a new SQLite file `ledgerPath` (the backup's own tables left behind). */
export async function restoreLedger(file: string, ledgerPath: string): Promise<void> {
  if (existsSync(ledgerPath)) throw new Error(`${ledgerPath} exists; restore into a new file`);
  const source = openToRead(file);
  try {
    ensurePrivateFile(ledgerPath);
    await source.backup(ledgerPath, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  const restored = openSqliteFile(ledgerPath);
  try {
    restored.exec(`DROP TABLE ${MANIFEST_TABLE}; DROP TABLE ${FILES_TABLE}; VACUUM`);
    restored.pragma('journal_mode = WAL');
  } finally {
    restored.close();
  }
}

/** Remove an SQLite file with its journal, WAL and shared-memory files. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
