// Read models in SQLite, for the embedded runner: one table of JSON documents and one
// of checkpoints, in their own file beside the ledger, so a rebuild never touches the log.

import type Database from 'better-sqlite3';
import { openSqliteFile } from '../../data-dir.js';
import type { Documents } from '../projection.js';
import type { Checkpoint, Commit, ProjectionStatus, ReadModelStore } from '../read-model-store.js';

interface CheckpointRow {
  position: number;
  version: number;
  status: ProjectionStatus;
  last_error: string | null;
  updated_at: string;
}

/** Read-model files made before documents had a rowid: copy their documents into the new table, once. */
function migrateToRowidDocuments(db: Database.Database): void {
  const table = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
  if (!table || !/WITHOUT ROWID/i.test(table.sql)) return;
  db.transaction(() => {
    db.exec(`
      CREATE TABLE documents_rowid (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (projection, key));
      INSERT INTO documents_rowid (projection, key, doc) SELECT projection, key, doc FROM documents;
      DROP TABLE documents;
      ALTER TABLE documents_rowid RENAME TO documents;`);
  }).immediate();
}

export class SqliteReadModels implements ReadModelStore {
  readonly db: Database.Database;
  private readonly statements;

  /**
   * @param hooks.betweenWriteAndCheckpoint runs inside the commit, after the documents are
   *   written and before the checkpoint moves: the crash test kills the process there.
   */
  constructor(
    path: string,
    private readonly hooks: { betweenWriteAndCheckpoint?: () => void } = {},
  ) {
    this.db = openSqliteFile(path);
    this.db.pragma('journal_mode = WAL');
    // Read models can always be rebuilt from the log; NORMAL keeps them consistent, just not fsynced per batch.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    migrateToRowidDocuments(this.db);
    // A rowid table: documents are hundreds of bytes to kilobytes, and a WITHOUT ROWID table
    // moves whole rows around its b-tree on every insert (writes were three times slower).
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (projection, key));
      CREATE TABLE IF NOT EXISTS checkpoints (
        projection TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL,
        status TEXT NOT NULL, last_error TEXT, updated_at TEXT NOT NULL
      );`);
    const db = this.db;
    this.statements = {
      checkpoint: db.prepare<[string], CheckpointRow>('SELECT position, version, status, last_error, updated_at FROM checkpoints WHERE projection = ?'),
      // All of a batch's keys in one query (a JSON array of keys): one statement, not one per key.
      getMany: db.prepare<[string, string], { key: string; doc: string }>(
        'SELECT key, doc FROM documents WHERE projection = ? AND key IN (SELECT value FROM json_each(?))',
      ),
      put: db.prepare('INSERT INTO documents (projection, key, doc) VALUES (?, ?, ?) ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc'),
      remove: db.prepare('DELETE FROM documents WHERE projection = ? AND key = ?'),
      list: db.prepare<[string, string, string], { key: string; doc: string }>(
        'SELECT key, doc FROM documents WHERE projection = ? AND key >= ? AND key < ? ORDER BY key',
      ),
      moveCheckpoint: db.prepare(
        `INSERT INTO checkpoints (projection, position, version, status, last_error, updated_at) VALUES (@projection, @to, @version, 'running', NULL, @now)
         ON CONFLICT (projection) DO UPDATE SET position = @to, version = @version, updated_at = @now WHERE position = @from`,
      ),
      setStatus: db.prepare(
        `INSERT INTO checkpoints (projection, position, version, status, last_error, updated_at) VALUES (?, 0, 0, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET status = excluded.status, last_error = excluded.last_error, updated_at = excluded.updated_at`,
      ),
      dropDocuments: db.prepare('DELETE FROM documents WHERE projection = ?'),
      dropCheckpoint: db.prepare('DELETE FROM checkpoints WHERE projection = ?'),
      renameDocuments: db.prepare('UPDATE documents SET projection = ? WHERE projection = ?'),
      renameCheckpoint: db.prepare('UPDATE checkpoints SET projection = ? WHERE projection = ?'),
    };
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    const row = this.statements.checkpoint.get(projection);
    return row && { position: row.position, version: row.version, status: row.status, lastError: row.last_error, updatedAt: row.updated_at };
  }

  async load(projection: string, keys: readonly string[]): Promise<Documents<unknown>> {
    const documents: Documents<unknown> = {};
    if (keys.length === 0) return documents;
    for (const key of keys) documents[key] = undefined;
    for (const row of this.statements.getMany.all(projection, JSON.stringify(keys))) documents[row.key] = JSON.parse(row.doc) as unknown;
    return documents;
  }

  async commit(projection: string, commit: Commit): Promise<boolean> {
    return this.commitSync(projection, commit);
  }

  /** Documents and checkpoint in one transaction; refused (nothing written) if the checkpoint moved. */
  readonly commitSync = (projection: string, commit: Commit): boolean =>
    this.db.transaction(() => {
      const current = this.statements.checkpoint.get(projection);
      if ((current?.position ?? 0) !== commit.fromPosition) return false;
      for (const [key, doc] of Object.entries(commit.documents)) {
        if (doc === undefined) this.statements.remove.run(projection, key);
        else this.statements.put.run(projection, key, JSON.stringify(doc));
      }
      this.hooks.betweenWriteAndCheckpoint?.();
      this.statements.moveCheckpoint.run({ projection, from: commit.fromPosition, to: commit.toPosition, version: commit.version, now: new Date().toISOString() });
      return true;
    }).immediate();

  async list(projection: string, prefix: string): Promise<Array<[string, unknown]>> {
    // Keys sharing a prefix sort between the prefix and the prefix followed by the highest code point.
    return this.statements.list.all(projection, prefix, `${prefix}\u{10FFFF}`).map((row) => [row.key, JSON.parse(row.doc) as unknown]);
  }

  async setStatus(projection: string, status: ProjectionStatus, lastError: string | null): Promise<void> {
    this.statements.setStatus.run(projection, status, lastError, new Date().toISOString());
  }

  async drop(projection: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.dropDocuments.run(projection);
      this.statements.dropCheckpoint.run(projection);
    })();
  }

  async swap(rebuilt: string, live: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.dropDocuments.run(live);
      this.statements.dropCheckpoint.run(live);
      this.statements.renameDocuments.run(live, rebuilt);
      this.statements.renameCheckpoint.run(live, rebuilt);
    }).immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
