// Pages of a view's rows, read through an index from where the last page ended: the rows under a
// term (or several merged), each expanded into the view's rows, until the page is full or the
// page's work budget is spent. The place a page ends at goes in the cursor.

import { z } from 'zod';
import type { Projection } from '../projection.js';
import type { Reader } from '../reader.js';
import type { IndexedRow, IndexPlace } from '../read-model-store.js';
import type { PageOf, Row } from '../read-model-view.js';

/** Index rows one page reads at most: a page may end short (even empty) with a `next`, never run on. */
export const SCAN_BUDGET = 5_000;

/** Where a walk over an index stopped: the row reached, and how many of its view rows were given. */
export const indexPlace = z.object({ sort: z.string(), key: z.string(), skip: z.int().min(0) });
export type IndexWalkPlace = z.infer<typeof indexPlace>;

/** Where a walk over terms stopped: the term reached, and how many of its view rows were given. */
export const termPlace = z.object({ term: z.string(), skip: z.int().min(0) });
export type TermWalkPlace = z.infer<typeof termPlace>;

/** Where a walk over a report computed whole stopped: rows given so far. */
export const offsetPlace = z.object({ offset: z.int().min(0) });
export type OffsetPlace = z.infer<typeof offsetPlace>;

/** Text in the stores' order: by UTF-8 bytes (UTF-16 order differs only past U+FFFF). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const compareRows = (a: IndexPlace, b: IndexPlace): number => compareText(a.sort, b.sort) || compareText(a.key, b.key);

export interface IndexSource {
  /** One term, or several that order their rows alike (merged, each row once). */
  terms: readonly string[];
  from?: string;
  to?: string;
}

/** The rows under the source's terms in (sort, key) order, from a place (inclusive unless said), in chunks. */
export async function* mergedRows<R>(
  reader: Reader,
  projection: Projection<R>,
  source: IndexSource,
  start: (IndexPlace & { inclusive?: boolean }) | undefined,
  chunk: () => number,
): AsyncGenerator<IndexedRow<R>> {
  const streams = source.terms.map((term) => ({ term, buffer: [] as IndexedRow<R>[], last: start && { inclusive: true, ...start }, done: false }));
  for (;;) {
    for (const stream of streams) {
      if (stream.buffer.length > 0 || stream.done) continue;
      const limit = chunk();
      stream.buffer = await reader.scan(projection, stream.term, { start: stream.last, from: source.from, to: source.to, limit });
      stream.done = stream.buffer.length < limit;
      const last = stream.buffer.at(-1);
      if (last) stream.last = { sort: last.sort, key: last.key, inclusive: false };
    }
    let next: IndexedRow<R> | undefined;
    for (const { buffer } of streams) if (buffer[0] && (next === undefined || compareRows(buffer[0], next) < 0)) next = buffer[0];
    if (next === undefined) return;
    // The same row under several terms comes once.
    for (const stream of streams) if (stream.buffer[0] && compareRows(stream.buffer[0], next) === 0) stream.buffer.shift();
    yield next;
  }
}

/**
 * One page of a view whose rows follow an index's order: the source's rows from `after`, each
 * expanded by `expand` into its view rows (none when it does not match), `limit` of them.
 * `expand` takes a batch of index rows, so the lookups it joins are made once per batch.
 */
export async function walkIndex<R>(
  reader: Reader,
  projection: Projection<R>,
  source: IndexSource,
  after: IndexWalkPlace | undefined,
  limit: number,
  expand: (batch: IndexedRow<R>[]) => Promise<Row[][]>,
  /** Index rows expanded at once; 1 where each expands into many rows at some cost (a cycle's matrix). */
  batchSize?: number,
): Promise<PageOf<IndexWalkPlace>> {
  const rows: Row[] = [];
  let scanned = 0;
  const want = (): number => batchSize ?? Math.min(500, Math.max(20, limit - rows.length + 1));
  const stream = mergedRows(reader, projection, source, after, want);
  let pending = await stream.next();
  while (!pending.done) {
    const batch: IndexedRow<R>[] = [];
    const size = want();
    while (!pending.done && batch.length < size) {
      batch.push(pending.value);
      pending = await stream.next();
    }
    const expanded = await expand(batch);
    for (const [i, indexed] of batch.entries()) {
      scanned++;
      const own = expanded[i] ?? [];
      const skip = after && indexed.key === after.key && indexed.sort === after.sort ? after.skip : 0;
      for (let j = skip; j < own.length; j++) {
        rows.push(own[j] as Row);
        if (rows.length === limit) {
          const more = j + 1 < own.length || i + 1 < batch.length || !pending.done;
          return { rows, next: more ? { sort: indexed.sort, key: indexed.key, skip: j + 1 } : null };
        }
      }
      if (scanned >= SCAN_BUDGET && (i + 1 < batch.length || !pending.done)) return { rows, next: { sort: indexed.sort, key: indexed.key, skip: own.length } };
    }
  }
  return { rows, next: null };
}

/** Groups (terms in use, or ids) a walk takes in order: the next `limit` after `after`. */
export type GroupSource = (after: string | undefined, limit: number) => Promise<string[]>;

/** Groups a page expands at most (each in full). */
export const GROUP_BUDGET = 200;

/** The groups from a place on (that group first, if given), fetched a few at a time. */
function groupsFrom(groups: GroupSource, first: string | undefined): { next(): Promise<string | undefined>; more(): Promise<boolean> } {
  let waiting: string[] = first === undefined ? [] : [first];
  let cursor = first;
  let exhausted = false;
  const fill = async (): Promise<void> => {
    if (waiting.length > 0 || exhausted) return;
    waiting = await groups(cursor, 20);
    exhausted = waiting.length < 20;
    cursor = waiting.at(-1) ?? cursor;
  };
  return {
    async next() {
      await fill();
      return waiting.shift();
    },
    async more() {
      await fill();
      return waiting.length > 0;
    },
  };
}

/** One page of a view whose rows come group by group (a plan's actions, an organisation's years). */
export async function walkGroups(groups: GroupSource, after: TermWalkPlace | undefined, limit: number, rowsOf: (group: string) => Promise<Row[]>): Promise<PageOf<TermWalkPlace>> {
  const rows: Row[] = [];
  const walk = groupsFrom(groups, after?.term);
  for (let examined = 1; ; examined++) {
    const group = await walk.next();
    if (group === undefined) return { rows, next: null };
    const own = await rowsOf(group);
    const skip = group === after?.term ? after.skip : 0;
    for (let j = skip; j < own.length; j++) {
      rows.push(own[j] as Row);
      if (rows.length === limit) return { rows, next: j + 1 < own.length || (await walk.more()) ? { term: group, skip: j + 1 } : null };
    }
    if (examined >= GROUP_BUDGET && (await walk.more())) return { rows, next: { term: group, skip: own.length } };
  }
}

/** One page of a report computed whole (every item, then the page): for reports no index can order. */
export function pageOfWhole<T>(all: readonly T[], after: OffsetPlace | undefined, limit: number): { items: T[]; next: OffsetPlace | null } {
  const offset = after?.offset ?? 0;
  const end = offset + limit;
  return { items: all.slice(offset, end), next: end < all.length ? { offset: end } : null };
}

/** Every row under a term, read in chunks: for a group a view needs whole (bounded by what the group holds). */
export async function allUnder<R>(reader: Reader, projection: Projection<R>, term: string, range: { from?: string; to?: string } = {}): Promise<IndexedRow<R>[]> {
  const rows: IndexedRow<R>[] = [];
  for (;;) {
    const last = rows.at(-1);
    const chunk = await reader.scan(projection, term, { ...range, start: last && { sort: last.sort, key: last.key }, limit: 1_000 });
    rows.push(...chunk);
    if (chunk.length < 1_000) return rows;
  }
}

/** The source among `candidates` whose terms hold the fewest rows: the one a filtered read walks. */
export async function smallestSource<R>(reader: Reader, projection: Projection<R>, candidates: readonly IndexSource[]): Promise<IndexSource> {
  const terms = [...new Set(candidates.flatMap((c) => c.terms))];
  const counts = new Map((await reader.count(projection as Projection<unknown>, terms)).map((n, i) => [terms[i] as string, n]));
  let best = candidates[0] as IndexSource;
  let fewest = Infinity;
  for (const candidate of candidates) {
    const rows = candidate.terms.reduce((sum, t) => sum + (counts.get(t) ?? 0), 0);
    if (rows < fewest) [best, fewest] = [candidate, rows];
  }
  return best;
}
