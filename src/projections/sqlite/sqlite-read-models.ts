// Read models in SQLite, for the embedded runner, in their own file beside the ledger (a rebuild
// never touches the log): a table of rows, a table of their index entries (term, sort, key; the
// primary key is the order readers page in), each term's row count, and the checkpoints.

import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openSqliteFile } from '../../data-dir.js';
import type { Documents, IndexEntry } from '../projection.js';
import type { Checkpoint, Commit, IndexedRow, ProjectionStatus, ReadModelStore, RowWrite, ScanRange } from '../read-model-store.js';

interface CheckpointRow {
  position: number;
  version: number;
  status: ProjectionStatus;
  last_error: string | null;
  updated_at: string;
}

/** Above every sort value, term and key: U+10FFFF, the highest code point, sorts after any text that does not start with it. */
const HIGHEST = '\u{10FFFF}';

/**
 * Read-model files from before rows had an index held documents: nothing in them is kept (read
 * models are rebuilt from the log), so the old table goes and every checkpoint with it.
 */
function dropDocumentsOfOldFiles(db: Database.Database): void {
  const table = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
  if (!table) return;
  db.transaction(() => {
    db.exec('DROP TABLE documents');
    db.exec('DELETE FROM checkpoints');
  }).immediate();
}

const entryKey = ([term, sort]: IndexEntry): string => `${term}\0${sort}`;

export class SqliteReadModels implements ReadModelStore {
  readonly db: Database.Database;
  private readonly statements;
  /**
   * Checkpoints as last read, kept while no connection has committed to the file since: every
   * read-model request asks where several projections stand, and a query per projection was a
   * quarter of a cached public page's time. Another connection's commit changes `PRAGMA
   * data_version`, looked at once per synchronous run of calls; this connection's writes clear it.
   */
  private readonly knownCheckpoints = new Map<string, CheckpointRow | undefined>();
  private knownAtVersion: number | undefined;
  private versionLookedAt = false;

  /**
   * @param hooks.betweenWriteAndCheckpoint runs inside the commit, after the rows are
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
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        projection TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL,
        status TEXT NOT NULL, last_error TEXT, updated_at TEXT NOT NULL
      );`);
    dropDocumentsOfOldFiles(this.db);
    // Rows are a rowid table (they are hundreds of bytes to kilobytes); index entries and term
    // counts are small and read in key order, so WITHOUT ROWID: the primary key is the table.
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS read_rows (projection TEXT NOT NULL, key TEXT NOT NULL, row TEXT NOT NULL, entries TEXT NOT NULL, UNIQUE (projection, key));
      CREATE TABLE IF NOT EXISTS read_index (projection TEXT NOT NULL, term TEXT NOT NULL, sort TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (projection, term, sort, key)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS read_terms (projection TEXT NOT NULL, term TEXT NOT NULL, rows INTEGER NOT NULL, PRIMARY KEY (projection, term)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS read_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);`);
    const db = this.db;
    const scan = (comparison: string, order: string) =>
      db.prepare<[{ projection: string; term: string; sort: string; key: string; from: string; to: string; limit: number }], { key: string; sort: string; row: string }>(
        `SELECT i.key, i.sort, r.row FROM read_index i JOIN read_rows r ON r.projection = i.projection AND r.key = i.key
         WHERE i.projection = @projection AND i.term = @term AND (i.sort, i.key) ${comparison} (@sort, @key) AND i.sort >= @from AND i.sort <= @to
         ORDER BY i.sort ${order}, i.key ${order} LIMIT @limit`,
      );
    this.statements = {
      checkpoint: db.prepare<[string], CheckpointRow>('SELECT position, version, status, last_error, updated_at FROM checkpoints WHERE projection = ?'),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      // All of a batch's keys in one query (a JSON array of keys): one statement, not one per key.
      getMany: db.prepare<[string, string], { key: string; row: string }>('SELECT key, row FROM read_rows WHERE projection = ? AND key IN (SELECT value FROM json_each(?))'),
      entries: db.prepare<[string, string], { entries: string }>('SELECT entries FROM read_rows WHERE projection = ? AND key = ?'),
      put: db.prepare('INSERT INTO read_rows (projection, key, row, entries) VALUES (?, ?, ?, ?) ON CONFLICT (projection, key) DO UPDATE SET row = excluded.row, entries = excluded.entries'),
      remove: db.prepare('DELETE FROM read_rows WHERE projection = ? AND key = ?'),
      addEntry: db.prepare('INSERT OR IGNORE INTO read_index (projection, term, sort, key) VALUES (?, ?, ?, ?)'),
      removeEntry: db.prepare('DELETE FROM read_index WHERE projection = ? AND term = ? AND sort = ? AND key = ?'),
      countUp: db.prepare('INSERT INTO read_terms (projection, term, rows) VALUES (?, ?, 1) ON CONFLICT (projection, term) DO UPDATE SET rows = rows + 1'),
      countDown: db.prepare('UPDATE read_terms SET rows = rows - 1 WHERE projection = ? AND term = ?'),
      forgetTerm: db.prepare('DELETE FROM read_terms WHERE projection = ? AND term = ? AND rows <= 0'),
      list: db.prepare<[string, string, string], { key: string; row: string }>('SELECT key, row FROM read_rows WHERE projection = ? AND key >= ? AND key < ? ORDER BY key'),
      scanAfter: scan('>', 'ASC'),
      scanFrom: scan('>=', 'ASC'),
      scanBefore: scan('<', 'DESC'),
      scanUpTo: scan('<=', 'DESC'),
      count: db.prepare<[string, string], number>('SELECT rows FROM read_terms WHERE projection = ? AND term = ?').pluck(),
      terms: db.prepare<[string, string, string, string, number], string>(
        'SELECT term FROM read_terms WHERE projection = ? AND term >= ? AND term < ? AND term > ? ORDER BY term LIMIT ?',
      ).pluck(),
      moveCheckpoint: db.prepare(
        `INSERT INTO checkpoints (projection, position, version, status, last_error, updated_at) VALUES (@projection, @to, @version, 'running', NULL, @now)
         ON CONFLICT (projection) DO UPDATE SET position = @to, version = @version, updated_at = @now WHERE position = @from`,
      ),
      setStatus: db.prepare(
        `INSERT INTO checkpoints (projection, position, version, status, last_error, updated_at) VALUES (?, 0, 0, ?, ?, ?)
         ON CONFLICT (projection) DO UPDATE SET status = excluded.status, last_error = excluded.last_error, updated_at = excluded.updated_at`,
      ),
      drop: ['read_rows', 'read_index', 'read_terms', 'checkpoints'].map((table) => db.prepare(`DELETE FROM ${table} WHERE projection = ?`)),
      rename: ['read_rows', 'read_index', 'read_terms', 'checkpoints'].map((table) => db.prepare(`UPDATE ${table} SET projection = ? WHERE projection = ?`)),
      meta: db.prepare<[string], Buffer>('SELECT value FROM read_meta WHERE name = ?').pluck(),
      setMetaOnce: db.prepare('INSERT OR IGNORE INTO read_meta (name, value) VALUES (?, ?)'),
    };
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    const row = this.knownCheckpoint(projection);
    return row && { position: row.position, version: row.version, status: row.status, lastError: row.last_error, updatedAt: row.updated_at };
  }

  private knownCheckpoint(projection: string): CheckpointRow | undefined {
    if (!this.versionLookedAt) {
      // Calls made in one synchronous run (a view's projections, asked at once) share one look.
      this.versionLookedAt = true;
      queueMicrotask(() => (this.versionLookedAt = false));
      const version = this.statements.dataVersion.get();
      if (version !== this.knownAtVersion) {
        this.knownCheckpoints.clear();
        this.knownAtVersion = version;
      }
    }
    if (this.knownCheckpoints.has(projection)) return this.knownCheckpoints.get(projection);
    const row = this.statements.checkpoint.get(projection);
    this.knownCheckpoints.set(projection, row);
    return row;
  }

  /** After this connection writes: data_version moves only for other connections' commits. */
  private forgetCheckpoints<T>(result: T): T {
    this.knownCheckpoints.clear();
    return result;
  }

  async load(projection: string, keys: readonly string[]): Promise<Documents<unknown>> {
    const documents: Documents<unknown> = {};
    if (keys.length === 0) return documents;
    for (const key of keys) documents[key] = undefined;
    for (const row of this.statements.getMany.all(projection, JSON.stringify(keys))) documents[row.key] = JSON.parse(row.row) as unknown;
    return documents;
  }

  async commit(projection: string, commit: Commit): Promise<boolean> {
    return this.commitSync(projection, commit);
  }

  /** Rows, their index and the checkpoint in one transaction; refused (nothing written) if the checkpoint moved. */
  readonly commitSync = (projection: string, commit: Commit): boolean =>
    this.forgetCheckpoints(this.writeCommit(projection, commit));

  private writeCommit(projection: string, commit: Commit): boolean {
    return this.db.transaction(() => {
      const current = this.statements.checkpoint.get(projection);
      if ((current?.position ?? 0) !== commit.fromPosition) return false;
      for (const [key, write] of Object.entries(commit.rows)) this.writeRow(projection, key, write);
      this.hooks.betweenWriteAndCheckpoint?.();
      this.statements.moveCheckpoint.run({ projection, from: commit.fromPosition, to: commit.toPosition, version: commit.version, now: new Date().toISOString() });
      return true;
    }).immediate();
  }

  /** One row written or removed, and only the index entries that changed with it. */
  private writeRow(projection: string, key: string, write: RowWrite | undefined): void {
    const before = this.statements.entries.get(projection, key)?.entries;
    const entries = write === undefined ? undefined : JSON.stringify(write.index);
    if (write === undefined) {
      if (before !== undefined) this.statements.remove.run(projection, key);
    } else this.statements.put.run(projection, key, JSON.stringify(write.row), entries);
    if (before === entries) return;
    const old = new Map((before === undefined ? [] : (JSON.parse(before) as IndexEntry[])).map((e) => [entryKey(e), e]));
    const now = new Map((write?.index ?? []).map((e) => [entryKey(e), e]));
    for (const [id, [term, sort]] of old) {
      if (now.has(id)) continue;
      if (this.statements.removeEntry.run(projection, term, sort, key).changes === 0) continue;
      this.statements.countDown.run(projection, term);
      this.statements.forgetTerm.run(projection, term);
    }
    for (const [id, [term, sort]] of now) {
      if (old.has(id)) continue;
      if (this.statements.addEntry.run(projection, term, sort, key).changes > 0) this.statements.countUp.run(projection, term);
    }
  }

  async list(projection: string, prefix: string): Promise<Array<[string, unknown]>> {
    // Keys sharing a prefix sort between the prefix and the prefix followed by the highest code point.
    return this.statements.list.all(projection, prefix, `${prefix}${HIGHEST}`).map((row) => [row.key, JSON.parse(row.row) as unknown]);
  }

  async scan(projection: string, term: string, range: ScanRange): Promise<IndexedRow[]> {
    const { start, reverse = false } = range;
    const statement = reverse
      ? start?.inclusive
        ? this.statements.scanUpTo
        : this.statements.scanBefore
      : start?.inclusive
        ? this.statements.scanFrom
        : this.statements.scanAfter;
    const place = start ?? (reverse ? { sort: HIGHEST, key: HIGHEST } : { sort: '', key: '' });
    const rows = statement.all({ projection, term, sort: place.sort, key: place.key, from: range.from ?? '', to: range.to ?? HIGHEST, limit: range.limit });
    return rows.map((r) => ({ key: r.key, sort: r.sort, row: JSON.parse(r.row) as unknown }));
  }

  async count(projection: string, terms: readonly string[]): Promise<number[]> {
    return terms.map((term) => this.statements.count.get(projection, term) ?? 0);
  }

  async terms(projection: string, prefix: string, range: { after?: string; limit: number }): Promise<string[]> {
    return this.statements.terms.all(projection, prefix, `${prefix}${HIGHEST}`, range.after ?? '', range.limit);
  }

  async setStatus(projection: string, status: ProjectionStatus, lastError: string | null): Promise<void> {
    this.forgetCheckpoints(this.statements.setStatus.run(projection, status, lastError, new Date().toISOString()));
  }

  async drop(projection: string): Promise<void> {
    this.forgetCheckpoints(
      this.db.transaction(() => {
        for (const statement of this.statements.drop) statement.run(projection);
      })(),
    );
  }

  async swap(rebuilt: string, live: string): Promise<void> {
    this.forgetCheckpoints(
      this.db.transaction(() => {
        for (const statement of this.statements.drop) statement.run(live);
        for (const statement of this.statements.rename) statement.run(live, rebuilt);
      }).immediate(),
    );
  }

  async cursorKey(): Promise<Buffer> {
    this.statements.setMetaOnce.run('cursor-key', randomBytes(32));
    return this.statements.meta.get('cursor-key') as Buffer;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
