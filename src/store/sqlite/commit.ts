// How appends reach the disk. Every strategy runs each append in an immediate
// (write-locking) transaction, so two processes on one file cannot interleave; the
// event-loop ones here and in group-commit.ts, the writer thread in thread-commit.ts.

import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision, ReceiptRequest } from '../port.js';
import type { PreparedEvent } from '../prepare-events.js';
import { receiptToKeep } from './receipts.js';
import type { Statements } from './statements.js';
import type { TreeStatements } from './tree.js';
import { writeAppendAndTree } from './write-append.js';

/** An append checked and serialised (prepare-events.ts), waiting for its transaction. */
export interface Append {
  streamId: string;
  events: readonly PreparedEvent[];
  expected: ExpectedRevision;
  receipt?: ReceiptRequest;
}

export interface Committer {
  /** Settles once the append's transaction committed (or refused it): an acknowledged append is durable. */
  submit(append: Append): Promise<AppendResult>;
  /** Commit everything submitted, then let go of the database. */
  close(): Promise<void>;
}

/** An append's work, run inside a transaction; throws to refuse the append. */
export type AppendWork = () => AppendResult;

/** The work of an append on this thread's connection. */
export function appendWork(statements: Statements, tree: TreeStatements | null, append: Append): AppendWork {
  const receipt = append.receipt && receiptToKeep(append.receipt);
  return () => writeAppendAndTree(statements, tree, append.streamId, append.events, append.expected, receipt);
}

/** One transaction, one fsync, per append: the simple baseline group commit is measured against. */
export class DirectCommit implements Committer {
  private readonly transaction: Database.Transaction<(work: AppendWork) => AppendResult>;

  constructor(
    db: Database.Database,
    private readonly statements: Statements,
    private readonly tree: TreeStatements | null,
    private readonly onCommit: (appends: number) => void,
  ) {
    this.transaction = db.transaction((work: AppendWork) => work());
  }

  async submit(append: Append): Promise<AppendResult> {
    const result = this.transaction.immediate(appendWork(this.statements, this.tree, append));
    this.onCommit(1);
    return result;
  }

  /** Nothing ever waits: each append committed when it was submitted. */
  async close(): Promise<void> {}
}
