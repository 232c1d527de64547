// Group commit: appends made in the same event-loop turn share one transaction and
// so one fsync. Each runs in its own savepoint, so a refused append rolls back alone.

import type Database from 'better-sqlite3';
import type { AppendResult } from '../port.js';
import type { AppendWork, Committer } from './commit.js';

interface Waiting {
  work: AppendWork;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export class GroupCommit implements Committer {
  private waiting: Waiting[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly commitGroup: Database.Transaction<(group: readonly Waiting[]) => Outcome[]>;

  constructor(
    db: Database.Database,
    /** Called after each COMMIT with the number of appends it carried. */
    private readonly onCommit: (appends: number) => void,
  ) {
    // Called inside commitGroup, a better-sqlite3 transaction function becomes a savepoint.
    const inSavepoint = db.transaction((work: AppendWork) => work());
    this.commitGroup = db.transaction((group: readonly Waiting[]) =>
      group.map((append): Outcome => {
        try {
          return { ok: true, result: inSavepoint(append.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  submit(work: AppendWork): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;

    let outcomes: Outcome[];
    try {
      outcomes = this.commitGroup.immediate(group);
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
