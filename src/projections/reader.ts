// What a view reads with: rows by key, a term's rows in index order, how many rows terms hold,
// and which terms are in use, from any projection, typed by it. Over any read-model store.

import type { Projection } from './projection.js';
import type { IndexedRow, ReadModelStore, ScanRange } from './read-model-store.js';

export interface Reader {
  /** The day "overdue" and "days since" are judged on (YYYY-MM-DD). */
  readonly today: string;
  /** The rows under these keys that exist. */
  get<R>(projection: Projection<R>, keys: readonly string[]): Promise<Map<string, R>>;
  scan<R>(projection: Projection<R>, term: string, range: ScanRange): Promise<IndexedRow<R>[]>;
  count(projection: Projection<unknown>, terms: readonly string[]): Promise<number[]>;
  terms(projection: Projection<unknown>, prefix: string, range: { after?: string; limit: number }): Promise<string[]>;
  /**
   * Where a projection's rows stand: the log position applied and the version built with (none
   * before any). Its rows change only with it, so an answer worked out from them can be kept
   * against it, per `source`.
   */
  checkpoint(projection: Projection<unknown>): Promise<{ position: number; version: number } | undefined>;
  /** The read models read, as an identity: the same for every reader over one store. */
  readonly source: object;
}

export function readerOver(store: ReadModelStore, today: string): Reader {
  return {
    today,
    async get<R>(projection: Projection<R>, keys: readonly string[]) {
      const unique = [...new Set(keys)];
      const rows = await store.load(projection.name, unique);
      return new Map(unique.flatMap((key) => (rows[key] === undefined ? [] : [[key, rows[key] as R] as const])));
    },
    scan: async <R>(projection: Projection<R>, term: string, range: ScanRange) => (await store.scan(projection.name, term, range)) as IndexedRow<R>[],
    count: (projection, terms) => store.count(projection.name, terms),
    terms: (projection, prefix, range) => store.terms(projection.name, prefix, range),
    async checkpoint(projection) {
      const checkpoint = await store.checkpoint(projection.name);
      return checkpoint && { position: checkpoint.position, version: checkpoint.version };
    },
    source: store,
  };
}
