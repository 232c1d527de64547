// Folded aggregate states kept between commands, so a command on a long stream (a
// survey with 10,000 responses) reads and folds only the events since the last one,
// not the whole history.
//
// An entry is only ever a fold of events read from the store, tagged with the revision
// of the last of them. Events are immutable and streams only grow, so that fold plus
// the events after its revision is the fold of the whole stream, whoever wrote them:
// another process on the same SQLite file or another node on EventStoreDB. The handler
// still reads the stream's tail each time, so the revision it appends against is the
// store's, never the cache's.

export interface FoldedState {
  aggregate: string;
  /** Revision of the last event folded in; -1 before the first. */
  revision: number;
  state: unknown;
}

export class FoldedStates {
  /** Insertion order is recency order: a hit is moved to the end, the oldest is evicted first. */
  private readonly entries = new Map<string, FoldedState>();

  constructor(private readonly capacity: number) {}

  get(streamId: string, aggregate: string): FoldedState | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.aggregate !== aggregate) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  /** Keep a fold, unless one at a later revision is already kept (a slower concurrent command). */
  set(streamId: string, folded: FoldedState): void {
    const kept = this.entries.get(streamId);
    if (kept && kept.aggregate === folded.aggregate && kept.revision > folded.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, folded);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
