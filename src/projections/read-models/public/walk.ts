// One page of public rows read through one index term, either way round: the public lists read
// newest first as often as oldest first. Each index row is expanded (in batches, so joins are made
// once per batch) into at most one view row; the page ends at `limit` rows or after the scan
// budget, with the place to go on from.

import { z } from 'zod';
import type { Projection } from '../../projection.js';
import type { Reader } from '../../reader.js';
import type { IndexedRow } from '../../read-model-store.js';
import type { PageOf, Row } from '../../read-model-view.js';
import { SCAN_BUDGET } from '../paging.js';

export const termPlace = z.object({ sort: z.string(), key: z.string() });
export type TermPlace = z.infer<typeof termPlace>;

export interface TermWalk {
  term: string;
  from?: string | undefined;
  to?: string | undefined;
  reverse?: boolean;
}

export async function walkTerm<R>(
  reader: Reader,
  projection: Projection<R>,
  walk: TermWalk,
  after: TermPlace | undefined,
  limit: number,
  expand: (batch: IndexedRow<R>[]) => Promise<(Row | null)[]>,
): Promise<PageOf<TermPlace>> {
  const rows: Row[] = [];
  let start: TermPlace | undefined = after;
  let scanned = 0;
  for (;;) {
    const size = Math.min(200, Math.max(20, limit - rows.length + 1));
    const batch = await reader.scan(projection, walk.term, {
      ...(start ? { start: { ...start, inclusive: false } } : {}),
      ...(walk.from === undefined ? {} : { from: walk.from }),
      ...(walk.to === undefined ? {} : { to: walk.to }),
      ...(walk.reverse ? { reverse: true } : {}),
      limit: size,
    });
    const expanded = await expand(batch);
    for (const [i, indexed] of batch.entries()) {
      scanned++;
      const row = expanded[i];
      if (row) rows.push(row);
      const here = { sort: indexed.sort, key: indexed.key };
      const more = i + 1 < batch.length || batch.length === size;
      if (rows.length === limit) return { rows, next: more ? here : null };
      if (scanned >= SCAN_BUDGET && more) return { rows, next: here };
    }
    if (batch.length < size) return { rows, next: null };
    const last = batch.at(-1) as IndexedRow<R>;
    start = { sort: last.sort, key: last.key };
  }
}
