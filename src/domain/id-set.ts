// An immutable set of ids that grows cheaply. An activity can hold tens of thousands of
// responses, and a survey batch adds a thousand at once: copying any part of a set on every
// FeedbackReceived makes folding (and deciding) a batch cost more per response the bigger it is.
//
// Versions share one log of ids in the order they were added, with each id's place in it; a
// version is the log's first `size` ids. Adding to the newest version appends to the log.
// Adding to an older one whose next id in the log is the same id (the stream's kept fold
// catching up with the events a decide already added) moves along the log. Only adding
// another id to an older version (a branch: a decide that was refused or lost its append)
// copies, once, the ids that version holds.

class IdLog {
  readonly ids: string[] = [];
  readonly places = new Map<string, number>();

  push(id: string): void {
    this.places.set(id, this.ids.length);
    this.ids.push(id);
  }
}

export class IdSet {
  static readonly empty = new IdSet(new IdLog(), 0);

  private constructor(
    private readonly log: IdLog,
    readonly size: number,
  ) {}

  private static of(id: string): IdSet {
    const log = new IdLog();
    log.push(id);
    return new IdSet(log, 1);
  }

  has(id: string): boolean {
    const place = this.log.places.get(id);
    return place !== undefined && place < this.size;
  }

  add(id: string): IdSet {
    if (this.has(id)) return this;
    const { log, size } = this;
    // Every set starts from `empty`: each gets a log of its own, never one shared by all.
    if (size === 0) return IdSet.of(id);
    if (log.ids.length === size) {
      log.push(id);
      return new IdSet(log, size + 1);
    }
    if (log.ids[size] === id) return new IdSet(log, size + 1);
    const branch = new IdLog();
    for (let i = 0; i < size; i++) branch.push(log.ids[i] as string);
    branch.push(id);
    return new IdSet(branch, size + 1);
  }
}
