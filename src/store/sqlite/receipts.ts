// Receipts (port.ts): the answer kept for a client's Idempotency-Key, in the log's own file
// and written in the append's own savepoint, so a commit holds the events and their answer
// or neither. They could not live in server.db: SQLite commits across attached files in
// WAL mode are not atomic, and a kill between two commits is exactly what they are for.

import type Database from 'better-sqlite3';
import { ReceiptAlreadyKept } from '../errors.js';
import type { AppendResult, Receipt, ReceiptRequest } from '../port.js';

export const CREATE_RECEIPTS = `
  CREATE TABLE IF NOT EXISTS receipts (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    -- the position of the last event of the append the answer reports
    position INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID`;

interface ReceiptRow {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
}

export type ReceiptStatements = ReturnType<typeof prepareReceiptStatements>;

export function prepareReceiptStatements(db: Database.Database) {
  return {
    find: db.prepare<[string, string], ReceiptRow>('SELECT scope, key, request_hash, status, body FROM receipts WHERE scope = ? AND key = ?'),
    insert: db.prepare<[string, string, string, number, string, number]>(
      'INSERT INTO receipts (scope, key, request_hash, status, body, position) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}

export function findReceipt(statements: ReceiptStatements, scope: string, key: string): Receipt | undefined {
  const row = statements.find.get(scope, key);
  return row && { scope: row.scope, key: row.key, requestHash: row.request_hash, status: row.status, body: JSON.parse(row.body) as unknown };
}

/**
 * A receipt as writeAppend keeps it: its answer already as JSON. The event-loop writer makes it
 * from the caller's ReceiptRequest (receiptToKeep); the writer thread from a template (append-job.ts).
 */
export interface ReceiptToKeep extends Omit<ReceiptRequest, 'answer'> {
  answerJson(result: AppendResult): { status: number; bodyJson: string };
}

export function receiptToKeep(request: ReceiptRequest): ReceiptToKeep {
  return {
    scope: request.scope,
    key: request.key,
    requestHash: request.requestHash,
    answerJson: (result) => {
      const { status, body } = request.answer(result);
      return { status, bodyJson: JSON.stringify(body) };
    },
  };
}

/** Before the append's events: a key that already has its receipt refuses the append. */
export function refuseIfKept(statements: ReceiptStatements, request: ReceiptToKeep): void {
  const kept = findReceipt(statements, request.scope, request.key);
  if (kept) throw new ReceiptAlreadyKept(kept);
}

/** After the append's events, in the same savepoint: its answer, made from its result. */
export function keepReceipt(statements: ReceiptStatements, request: ReceiptToKeep, result: AppendResult): void {
  const { status, bodyJson } = request.answerJson(result);
  statements.insert.run(request.scope, request.key, request.requestHash, status, bodyJson, result.position);
}
