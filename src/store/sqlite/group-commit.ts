// Group commit: appends made in the same event-loop turn share one transaction and
// so one fsync. Each runs in its own savepoint, so a refused append rolls back alone.
// The writer thread (writer-thread.ts) commits its groups with the same transaction.

import type Database from 'better-sqlite3';
import type { AppendResult } from '../port.js';
import { appendWork, type Append, type AppendWork, type Committer } from './commit.js';
import type { Statements } from './statements.js';
import type { TreeStatements } from './tree.js';
import { outcomesOf, TurnGroup, type Outcome } from './turn-group.js';

/**
 * One immediate transaction over a group of appends, each in its own savepoint: an outcome per
 * append, in order. Throws when the commit itself fails (busy, disk): then none is recorded.
 */
export function groupTransaction(db: Database.Database): (group: readonly AppendWork[]) => Outcome<AppendResult>[] {
  // Called inside commitGroup, a better-sqlite3 transaction function becomes a savepoint.
  const inSavepoint = db.transaction((work: AppendWork) => work());
  const commitGroup = db.transaction(outcomesOf<AppendResult>((work) => inSavepoint(work)));
  return (group) => commitGroup.immediate(group);
}

export class GroupCommit implements Committer {
  private readonly turn: TurnGroup<AppendResult>;

  constructor(
    db: Database.Database,
    private readonly statements: Statements,
    private readonly tree: TreeStatements | null,
    /** Called after each COMMIT with the number of appends it carried. */
    onCommit: (appends: number) => void,
  ) {
    this.turn = new TurnGroup(groupTransaction(db), onCommit);
  }

  submit(append: Append): Promise<AppendResult> {
    return this.turn.submit(appendWork(this.statements, this.tree, append));
  }

  async close(): Promise<void> {
    this.turn.flush();
  }
}
