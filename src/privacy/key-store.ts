// Per-subject keys, in DATA_DIR/keys.db: apart from the log, so that destroying one key
// erases a person's data everywhere the log was copied, without touching the log.
// Each key is 256 random bits, stored wrapped (AES-256-GCM) by the master key.
//
// No key is cached in memory beyond one call: another process (`ledger erase`) may destroy
// a key while the server runs, and the server must see that at once.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ensureDataDir, openSqliteFile } from '../data-dir.js';
import { KEY_BYTES } from './envelope.js';
import { loadMasterKey, MasterKeyProblem } from './master-key.js';

export type SubjectStatus = 'live' | 'erased' | 'unknown';

/** Refused: personal data for a subject whose data was erased (they need a new subject id). */
export class SubjectAlreadyErased extends Error {
  constructor(readonly subjectId: string) {
    super(`data subject ${subjectId} was erased; record new personal data under a new subject id`);
    this.name = 'SubjectAlreadyErased';
  }
}

const CHECK = Buffer.from('engagement-ledger keys.db master key check');

function wrap(master: Buffer, label: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unwrap(master: Buffer, label: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(label, 'utf8'));
  decipher.setAuthTag(wrapped.subarray(12, 28));
  return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
}

const subjectLabel = (subjectId: string) => `subject-key:v1\n${subjectId}`;

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class SubjectKeys {
  private readonly db: Database.Database;
  private readonly master: Buffer;
  private readonly findKey: Database.Statement<[string], { wrapped: Buffer }>;
  private readonly findErased: Database.Statement<[string], { erased_at: string }>;
  private readonly insertKey: Database.Statement<[string, Buffer, string]>;

  static open(dataDir: string, env: NodeJS.ProcessEnv = process.env): SubjectKeys {
    ensureDataDir(dataDir);
    return new SubjectKeys(dataDir, env);
  }

  private constructor(dataDir: string, env: NodeJS.ProcessEnv) {
    this.db = openSqliteFile(join(dataDir, 'keys.db'));
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
    const check = this.db.prepare<[], { value: Buffer }>("SELECT value FROM meta WHERE name = 'master_check'").get();
    this.master = loadMasterKey(dataDir, check === undefined, env);
    if (check) {
      try {
        unwrap(this.master, 'master-check', check.value);
      } catch {
        this.db.close();
        throw new MasterKeyProblem('the master key does not open keys.db: it is not the key keys.db was made with');
      }
    } else {
      this.db.prepare("INSERT OR IGNORE INTO meta (name, value) VALUES ('master_check', ?)").run(wrap(this.master, 'master-check', CHECK));
    }
    this.findKey = this.db.prepare('SELECT wrapped FROM subject_keys WHERE subject_id = ?');
    this.findErased = this.db.prepare('SELECT erased_at FROM erased_subjects WHERE subject_id = ?');
    this.insertKey = this.db.prepare('INSERT OR IGNORE INTO subject_keys (subject_id, wrapped, created_at) VALUES (?, ?, ?)');
  }

  status(subjectId: string): SubjectStatus {
    if (this.findErased.get(subjectId)) return 'erased';
    return this.findKey.get(subjectId) ? 'live' : 'unknown';
  }

  /**
   * The keys to seal new data with, by subject: each subject's own, made now if they have none.
   * One transaction for a whole batch (a survey of 5,000 respondents is one fsync, not 5,000).
   * Refuses the batch if any subject was erased.
   */
  keysToSeal(subjectIds: Iterable<string>): Map<string, Buffer> {
    return this.db
      .transaction(() => {
        const keys = new Map<string, Buffer>();
        const now = new Date().toISOString();
        for (const subjectId of subjectIds) {
          if (keys.has(subjectId)) continue;
          if (this.findErased.get(subjectId)) throw new SubjectAlreadyErased(subjectId);
          const found = this.findKey.get(subjectId);
          if (found) {
            keys.set(subjectId, unwrap(this.master, subjectLabel(subjectId), found.wrapped));
            continue;
          }
          const key = randomBytes(KEY_BYTES);
          this.insertKey.run(subjectId, wrap(this.master, subjectLabel(subjectId), key), now);
          keys.set(subjectId, key);
        }
        return keys;
      })
      .immediate();
  }

  /** The key to open a subject's data with, or null once it is erased (or was never here). */
  keyToOpen(subjectId: string): Buffer | null {
    const found = this.findKey.get(subjectId);
    return found ? unwrap(this.master, subjectLabel(subjectId), found.wrapped) : null;
  }

  /**
   * Destroy the subject's key and remember that they were erased. Idempotent. The WAL is then
   * checkpointed and truncated, so the key's bytes do not linger in keys.db-wal either.
   */
  erase(subjectId: string, erasedAt: string): 'erased' | 'already_erased' {
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

  close(): void {
    this.db.close();
  }
}
