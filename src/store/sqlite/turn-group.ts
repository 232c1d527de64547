// Work asked for in one event-loop turn, done together in one SQLite transaction, each piece
// with an outcome of its own: the ledger's group commit (group-commit.ts) and the idempotency
// claims in server.db (src/idempotency/sqlite/claim-store.ts). A piece that throws is refused
// alone; the transaction itself failing (busy, disk, closed) refuses the whole group.

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: unknown };

/** Runs each piece, catching what it throws, so one refusal does not end the group's transaction. */
export function outcomesOf<T>(run: (work: () => T) => T): (works: readonly (() => T)[]) => Outcome<T>[] {
  return (works) =>
    works.map((work): Outcome<T> => {
      try {
        return { ok: true, result: run(work) };
      } catch (error) {
        return { ok: false, error };
      }
    });
}

interface Waiting<T> {
  work: () => T;
  resolve(result: T): void;
  reject(error: unknown): void;
}

export class TurnGroup<T> {
  private waiting: Waiting<T>[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    /** The group's transaction: an outcome per piece, in order; throws to refuse them all. */
    private readonly commit: (works: readonly (() => T)[]) => Outcome<T>[],
    /** Told, after each transaction, how many pieces it carried. */
    private readonly onCommit: (count: number) => void = () => undefined,
  ) {}

  /** Settles once this turn's transaction returned: with the piece's result, or what it threw. */
  submit(work: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Do what is waiting now (before the database closes). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    let outcomes: Outcome<T>[];
    try {
      outcomes = this.commit(group.map((waiting) => waiting.work));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    // Promises settle only now, after the transaction returned: for appends, once durable.
    group.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) waiting.resolve(outcome.result);
      else waiting.reject(outcome?.error);
    });
    this.onCommit(group.length);
  }
}
