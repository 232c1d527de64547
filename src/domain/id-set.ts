// An immutable set of ids that grows cheaply. An activity can hold tens of
// thousands of responses; copying a whole Set on every FeedbackReceived would
// make folding a survey quadratic. Full chunks are shared between versions;
// only the small head chunk is copied on add.

const CHUNK = 256;

export class IdSet {
  static readonly empty = new IdSet([], new Set());

  private constructor(
    private readonly full: readonly ReadonlySet<string>[],
    private readonly head: ReadonlySet<string>,
  ) {}

  get size(): number {
    return this.full.length * CHUNK + this.head.size;
  }

  has(id: string): boolean {
    if (this.head.has(id)) return true;
    for (const chunk of this.full) if (chunk.has(id)) return true;
    return false;
  }

  add(id: string): IdSet {
    if (this.has(id)) return this;
    const head = new Set(this.head).add(id);
    return head.size === CHUNK ? new IdSet([...this.full, head], new Set()) : new IdSet(this.full, head);
  }
}
