// How appends reach the disk. Both strategies run each append in an immediate
// (write-locking) transaction, so two processes on one file cannot interleave.

import type Database from 'better-sqlite3';
import type { AppendResult } from '../port.js';

/** An append's work, run inside a transaction; throws to refuse the append. */
export type AppendWork = () => AppendResult;

export interface Committer {
  submit(work: AppendWork): Promise<AppendResult>;
  /** Commit anything still waiting, now. */
  flush(): void;
}

/** One transaction, one fsync, per append: the simple baseline group commit is measured against. */
export class DirectCommit implements Committer {
  private readonly transaction: Database.Transaction<(work: AppendWork) => AppendResult>;

  constructor(
    db: Database.Database,
    private readonly onCommit: (appends: number) => void,
  ) {
    this.transaction = db.transaction((work: AppendWork) => work());
  }

  async submit(work: AppendWork): Promise<AppendResult> {
    const result = this.transaction.immediate(work);
    this.onCommit(1);
    return result;
  }

  /** Nothing ever waits: each append committed when it was submitted. */
  flush(): void {}
}
