// Personal-data keys in DATA_DIR/keys.db: apart from the log and from server.db, so that
// `ledger backup` never carries them and destroying one erases a person everywhere the log
// was copied. Deleted rows are overwritten (secure_delete), and after an erasure the WAL is
// checkpointed and truncated, so the key's bytes linger neither in keys.db nor keys.db-wal.

import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ensureDataDir, openSqliteFile } from '../../../data-dir.js';
import { SubjectAlreadyErased, type KeyStore, type SubjectStatus } from '../port.js';

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class SqliteKeyStore implements KeyStore {
  readonly name: string;
  private readonly db: Database.Database;
  private readonly findKey: Database.Statement<[string], { wrapped: Buffer }>;
  private readonly findErased: Database.Statement<[string], { erased_at: string }>;
  private readonly insertKey: Database.Statement<[string, Buffer, string]>;

  constructor(dataDir: string) {
    ensureDataDir(dataDir);
    this.name = join(dataDir, 'keys.db');
    this.db = openSqliteFile(this.name);
    // Deleted rows are overwritten with zeros, not just unlinked from the b-tree.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS subject_keys (subject_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS erased_subjects (subject_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL);
    `);
    this.findKey = this.db.prepare('SELECT wrapped FROM subject_keys WHERE subject_id = ?');
    this.findErased = this.db.prepare('SELECT erased_at FROM erased_subjects WHERE subject_id = ?');
    this.insertKey = this.db.prepare('INSERT OR IGNORE INTO subject_keys (subject_id, wrapped, created_at) VALUES (?, ?, ?)');
  }

  async checkValue(): Promise<Buffer | undefined> {
    return this.db.prepare<[], { value: Buffer }>("SELECT value FROM meta WHERE name = 'master_check'").get()?.value;
  }

  async keepCheckValue(value: Buffer): Promise<Buffer> {
    this.db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES ('master_check', ?)").run(value);
    return (await this.checkValue()) as Buffer;
  }

  async status(subjectId: string): Promise<SubjectStatus> {
    if (this.findErased.get(subjectId)) return 'erased';
    return this.findKey.get(subjectId) ? 'live' : 'unknown';
  }

  async wrappedKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const subjectId of subjectIds) {
      const row = this.findKey.get(subjectId);
      if (row) found.set(subjectId, row.wrapped);
    }
    return found;
  }

  async wrappedKeysToSeal(subjectIds: readonly string[], make: (subjectId: string) => Buffer): Promise<Map<string, Buffer>> {
    // One IMMEDIATE transaction for a whole batch (a survey of 5,000 respondents is one fsync), serialised with erasures.
    return this.db
      .transaction(() => {
        const keys = new Map<string, Buffer>();
        const now = new Date().toISOString();
        for (const subjectId of subjectIds) {
          if (keys.has(subjectId)) continue;
          if (this.findErased.get(subjectId)) throw new SubjectAlreadyErased(subjectId);
          const found = this.findKey.get(subjectId);
          if (found) {
            keys.set(subjectId, found.wrapped);
            continue;
          }
          const wrapped = make(subjectId);
          this.insertKey.run(subjectId, wrapped, now);
          keys.set(subjectId, wrapped);
        }
        return keys;
      })
      .immediate();
  }

  async erase(subjectId: string, erasedAt: string): Promise<'erased' | 'already_erased'> {
    const outcome = this.db
      .transaction(() => {
        const removed = this.db.prepare('DELETE FROM subject_keys WHERE subject_id = ?').run(subjectId).changes;
        const remembered = this.db.prepare('INSERT OR IGNORE INTO erased_subjects (subject_id, erased_at) VALUES (?, ?)').run(subjectId, erasedAt).changes;
        return removed > 0 || remembered > 0 ? 'erased' : 'already_erased';
      })
      .immediate();
    this.truncateWal();
    return outcome;
  }

  /** Copy every page back into keys.db and empty the WAL; a reader mid-transaction in another process may delay it a little. */
  private truncateWal(): void {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
      sleepMs(20);
    }
    throw new Error('keys.db: the WAL could not be truncated after an erasure (another process keeps reading it); run `ledger erase` again');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
