// Group commit: appends made in the same event-loop turn share one transaction and
// so one fsync. Each runs in its own savepoint, so a refused append rolls back alone.
// The writer thread (writer-thread.ts) commits its groups with the same transaction.

import type Database from 'better-sqlite3';
import type { AppendResult } from '../port.js';
import { appendWork, type Append, type AppendWork, type Committer } from './commit.js';
import type { Statements } from './statements.js';
import type { TreeStatements } from './tree.js';

export type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * One immediate transaction over a group of appends, each in its own savepoint: an outcome per
 * append, in order. Throws when the commit itself fails (busy, disk): then none is recorded.
 */
export function groupTransaction(db: Database.Database): (group: readonly AppendWork[]) => Outcome[] {
  // Called inside commitGroup, a better-sqlite3 transaction function becomes a savepoint.
  const inSavepoint = db.transaction((work: AppendWork) => work());
  const commitGroup = db.transaction((group: readonly AppendWork[]) =>
    group.map((work): Outcome => {
      try {
        return { ok: true, result: inSavepoint(work) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  return (group) => commitGroup.immediate(group);
}

interface Waiting {
  work: AppendWork;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export class GroupCommit implements Committer {
  private waiting: Waiting[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly commitGroup: (group: readonly AppendWork[]) => Outcome[];

  constructor(
    db: Database.Database,
    private readonly statements: Statements,
    private readonly tree: TreeStatements | null,
    /** Called after each COMMIT with the number of appends it carried. */
    private readonly onCommit: (appends: number) => void,
  ) {
    this.commitGroup = groupTransaction(db);
  }

  submit(append: Append): Promise<AppendResult> {
    const work = appendWork(this.statements, this.tree, append);
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  async close(): Promise<void> {
    this.flush();
  }

  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;

    let outcomes: Outcome[];
    try {
      outcomes = this.commitGroup(group.map((append) => append.work));
    } catch (error) {
      // The commit itself failed (busy, disk): none of the group is recorded.
      for (const append of group) append.reject(error);
      return;
    }
    // Promises settle only now, after COMMIT returned: an acknowledged append is durable.
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) append.resolve(outcome.result);
      else append.reject(outcome?.error);
    });
    this.onCommit(group.length);
  }
}
