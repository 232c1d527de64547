// Reports worked out whole (every item, then the page cut) are kept between requests, so paging
// through one costs one working out, not one per page. A report is kept against the checkpoints
// of the projections it reads: their rows change only as those move, so while they stand still
// the kept report is exactly what working it out again would give. Once any of them moves, the
// next request works the report out afresh (and every report kept from before is let go).
//
// Bounded twice, as a server keeps them in memory: at most `most` reports, and at most `weight`
// (what `weigh` counts: e.g. activities held) over all of them; the least recently used goes first.

import type { Projection } from '../../projection.js';
import type { Reader } from '../../reader.js';

interface Kept<T> {
  /** The source and checkpoints it was worked out at. */
  stamp: string;
  report: Promise<T>;
  /** Zero until worked out. */
  weight: number;
}

const sourceIds = new WeakMap<object, number>();
let sources = 0;
const idOf = (source: object): number => {
  let id = sourceIds.get(source);
  if (id === undefined) sourceIds.set(source, (id = ++sources));
  return id;
};

export class KeptReports<T> {
  private readonly kept = new Map<string, Kept<T>>();

  constructor(
    private readonly reads: readonly Projection<unknown>[],
    private readonly bounds: { most: number; weight: number },
    private readonly weigh: (report: T) => number,
  ) {}

  /** The report `question` asks for, as the reader's read models stand: kept, or worked out by `work` (and kept when they stood still meanwhile). */
  async report(reader: Reader, question: string, work: () => Promise<T>): Promise<T> {
    const stamp = await this.stampOf(reader);
    const key = `${stamp}\u0000${question}`;
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key);
      this.kept.set(key, found);
      return found.report;
    }
    this.forgetOtherThan(stamp, reader.source);
    // Kept while it is worked out, so requests asking meanwhile wait for the same working out.
    const entry: Kept<T> = { stamp, report: work(), weight: 0 };
    this.kept.set(key, entry);
    try {
      const report = await entry.report;
      // Rows read while a checkpoint moved may be from after it: answer them, keep them not.
      if ((await this.stampOf(reader)) !== stamp) this.drop(key, entry);
      else {
        entry.weight = this.weigh(report);
        this.trim(key);
      }
      return report;
    } catch (error) {
      this.drop(key, entry);
      throw error;
    }
  }

  /** How many reports are kept, and their total weight: for tests and for sizing. */
  get size(): { reports: number; weight: number } {
    return { reports: this.kept.size, weight: [...this.kept.values()].reduce((sum, k) => sum + k.weight, 0) };
  }

  private async stampOf(reader: Reader): Promise<string> {
    const checkpoints = await Promise.all(this.reads.map((p) => reader.checkpoint(p)));
    return [idOf(reader.source), ...checkpoints.map((c) => (c ? `${c.position}.${c.version}` : '-'))].join(' ');
  }

  /** Reports of this source at other checkpoints will not be asked for again: checkpoints move on. */
  private forgetOtherThan(stamp: string, source: object): void {
    const prefix = `${idOf(source)} `;
    for (const [key, kept] of this.kept) if (kept.stamp.startsWith(prefix) && kept.stamp !== stamp) this.kept.delete(key);
  }

  private drop(key: string, entry: Kept<T>): void {
    if (this.kept.get(key) === entry) this.kept.delete(key);
  }

  /** The least recently used go until within bounds; one report over the bounds on its own is not kept. */
  private trim(newest: string): void {
    let weight = this.size.weight;
    for (const [key, kept] of this.kept) {
      if (this.kept.size <= this.bounds.most && weight <= this.bounds.weight) return;
      if (key === newest && this.kept.size > 1) continue;
      this.kept.delete(key);
      weight -= kept.weight;
    }
  }
}
