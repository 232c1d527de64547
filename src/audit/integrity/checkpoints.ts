// Where the ledger keeps the statements it signed, and its own id: DATA_DIR/server.db,
// beside the credentials, not in the log. Every statement the ledger ever signs is kept
// here (the periodic ones, those asked for, those put in audit bundles), with the signed
// tree head of the same position (tree-head.ts; null for statements signed before the
// Merkle tree existed), and `verifyLedger` checks the log against each of them.

import type Database from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import type { SignedCheckpoint } from './statement.js';

export interface StoredCheckpoint {
  /** Order of signing in this server.db: the cursor for listing. */
  sequence: number;
  statement: SignedCheckpoint;
  /** The signed tree head (C2SP checkpoint note) of size = statement.position, when one was signed with it. */
  treeHead: string | null;
}

interface Row {
  sequence: number;
  ledger: string;
  position: number;
  head_hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
  tree_head: string | null;
}

const newId = monotonicFactory();

function prepare(db: Database.Database) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS checkpoints (
      sequence INTEGER PRIMARY KEY AUTOINCREMENT,
      ledger TEXT NOT NULL,
      position INTEGER NOT NULL,
      head_hash TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      key_id TEXT NOT NULL,
      signature TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS checkpoints_by_position ON checkpoints (position);
    CREATE TABLE IF NOT EXISTS ledger_identity (
      only INTEGER PRIMARY KEY CHECK (only = 1),
      ledger_id TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
  // server.db files made before signed tree heads existed get the column (their statements have none).
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(checkpoints)').all();
  if (!columns.some((c) => c.name === 'tree_head')) db.exec('ALTER TABLE checkpoints ADD COLUMN tree_head TEXT');
  return {
    insert: db.prepare<[string, number, string, string, string, string, string | null]>(
      'INSERT INTO checkpoints (ledger, position, head_hash, signed_at, key_id, signature, tree_head) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    treeHeadsOfSize: db.prepare<[number], string>(
      'SELECT tree_head FROM checkpoints WHERE position = ? AND tree_head IS NOT NULL ORDER BY sequence DESC',
    ).pluck(),
    largestTreeHeads: db.prepare<[], string>(
      'SELECT tree_head FROM checkpoints WHERE tree_head IS NOT NULL ORDER BY position DESC, sequence DESC LIMIT 16',
    ).pluck(),
    page: db.prepare<[number, number], Row>('SELECT * FROM checkpoints WHERE sequence > ? ORDER BY sequence LIMIT ?'),
    latest: db.prepare<[], Row>('SELECT * FROM checkpoints ORDER BY sequence DESC LIMIT 1'),
    count: db.prepare<[], number>('SELECT count(*) FROM checkpoints').pluck(),
    claimId: db.prepare<[string, string]>('INSERT OR IGNORE INTO ledger_identity (only, ledger_id, created_at) VALUES (1, ?, ?)'),
    ledgerId: db.prepare<[], string>('SELECT ledger_id FROM ledger_identity WHERE only = 1').pluck(),
  };
}

const prepared = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function statementsOf(db: Database.Database): ReturnType<typeof prepare> {
  let statements = prepared.get(db);
  if (!statements) {
    statements = prepare(db);
    prepared.set(db, statements);
  }
  return statements;
}

function toStored(row: Row): StoredCheckpoint {
  return {
    sequence: row.sequence,
    statement: {
      ledger: row.ledger,
      position: row.position,
      headHash: row.head_hash,
      signedAt: row.signed_at,
      keyId: row.key_id,
      signature: row.signature,
    },
    treeHead: row.tree_head,
  };
}

/** This ledger's stable id, `ledger-<ULID>`, made the first time it is asked for. */
export function ledgerIdOf(db: Database.Database): string {
  const statements = statementsOf(db);
  statements.claimId.run(`ledger-${newId()}`, new Date().toISOString());
  return statements.ledgerId.get() as string;
}

export function recordCheckpoint(db: Database.Database, statement: SignedCheckpoint, treeHead: string | null = null): StoredCheckpoint {
  const { ledger, position, headHash, signedAt, keyId, signature } = statement;
  const { lastInsertRowid } = statementsOf(db).insert.run(ledger, position, headHash, signedAt, keyId, signature, treeHead);
  return { sequence: Number(lastInsertRowid), statement, treeHead };
}

/** The tree heads kept for tree size `size`, most recently signed first (unchecked: see signed-tree-heads.ts). */
export function treeHeadsOfSize(db: Database.Database, size: number): string[] {
  return statementsOf(db).treeHeadsOfSize.all(size);
}

/** The kept tree heads of the largest sizes, largest first (unchecked). */
export function largestTreeHeads(db: Database.Database): string[] {
  return statementsOf(db).largestTreeHeads.all();
}

/** Checkpoints in the order they were signed, after the `after` sequence (default: from the first). */
export function listCheckpoints(db: Database.Database, options: { after?: number; limit?: number } = {}): StoredCheckpoint[] {
  return statementsOf(db)
    .page.all(options.after ?? 0, options.limit ?? -1)
    .map(toStored);
}

export function latestCheckpoint(db: Database.Database): StoredCheckpoint | null {
  const row = statementsOf(db).latest.get();
  return row ? toStored(row) : null;
}

export function countCheckpoints(db: Database.Database): number {
  return statementsOf(db).count.get() as number;
}
