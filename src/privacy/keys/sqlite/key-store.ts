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
  private readonly findKeysAmong: Database.Statement<[string], { subject_id: string; wrapped: Buffer }>;
  private readonly findErasedAmong: Database.Statement<[string], { subject_id: string }>;

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
    // A batch's subjects read in one statement each (ids as a JSON array), not one lookup per subject.
    this.findKeysAmong = this.db.prepare('SELECT subject_id, wrapped FROM subject_keys WHERE subject_id IN (SELECT value FROM json_each(?))');
    this.findErasedAmong = this.db.prepare('SELECT subject_id FROM erased_subjects WHERE subject_id IN (SELECT value FROM json_each(?))');
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
    return this.keysAmong([...new Set(subjectIds)]);
  }

  async wrappedKeysToSeal(subjectIds: readonly string[], make: (subjectId: string) => Buffer): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(subjectIds)];
    if (wanted.length === 0) return new Map();
    // One IMMEDIATE transaction for a whole batch (a survey of 5,000 respondents is one fsync), serialised with erasures.
    return this.db
      .transaction(() => {
        const erased = new Set(this.findErasedAmong.all(JSON.stringify(wanted)).map((row) => row.subject_id));
        const first = wanted.find((subjectId) => erased.has(subjectId));
        if (first !== undefined) throw new SubjectAlreadyErased(first);
        const keys = this.keysAmong(wanted);
        const now = new Date().toISOString();
        for (const subjectId of wanted) {
          if (keys.has(subjectId)) continue;
          const wrapped = make(subjectId);
          this.insertKey.run(subjectId, wrapped, now);
          keys.set(subjectId, wrapped);
        }
        return keys;
      })
      .immediate();
  }

  private keysAmong(subjectIds: readonly string[]): Map<string, Buffer> {
    if (subjectIds.length === 0) return new Map();
    return new Map(this.findKeysAmong.all(JSON.stringify(subjectIds)).map((row) => [row.subject_id, row.wrapped]));
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
