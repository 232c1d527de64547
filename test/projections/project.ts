// Test helpers for projections: fold events through projections in memory, and read views over
// the rows, page after page, from an in-memory SQLite read-model store, as the read service does.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../src/demo/seeds.js';
import { loadDemo } from '../../src/demo/load.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { toProjectedEvent } from '../../src/projections/projected-event.js';
import type { z } from 'zod';
import { entriesOf, foldBatch, type Documents, type Projection, type ProjectedEvent } from '../../src/projections/projection.js';
import type { ReadModelStore } from '../../src/projections/read-model-store.js';
import type { ReadModelView, Row } from '../../src/projections/read-model-view.js';
import { readerOver } from '../../src/projections/reader.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

/** Give plain domain events the envelope a projection sees: positions in order, metadata. */
export function envelope(events: readonly LedgerEvent[], organisation: string | null = 'halton-borough-council'): ProjectedEvent[] {
  return events.map((event, i) => ({
    ...event,
    id: `E${String(i + 1).padStart(6, '0')}`,
    streamId: 'test',
    position: i + 1,
    metadata: {
      actor: 'test',
      organisation,
      recordedAt: '2026-01-01T00:00:00.000Z',
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'test',
      causationId: null,
    },
  }));
}

/** Folded rows of several projections, as a view reads them: kept in an SQLite read-model store, made on first read. */
export interface ProjectedSet {
  rows: ReadonlyMap<Projection<unknown>, Documents<unknown>>;
}

/**
 * Fold events through projections: `documents` holds every projection's rows by key (keys name
 * their kind, so they never collide), `set` the rows as views read them (see `run`).
 */
export function project(projections: Projection<unknown> | readonly Projection<unknown>[], events: readonly ProjectedEvent[]): { documents: Documents<unknown>; set: ProjectedSet } {
  const rows = new Map<Projection<unknown>, Documents<unknown>>();
  for (const projection of [projections].flat()) rows.set(projection, foldBatch(projection, events, {}).documents);
  return { documents: Object.assign({}, ...rows.values()) as Documents<unknown>, set: { rows } };
}

const stores = new WeakMap<ProjectedSet, Promise<ReadModelStore>>();

/** The set's rows committed, with their index, to a fresh in-memory SQLite read-model store. */
function storeOf(set: ProjectedSet): Promise<ReadModelStore> {
  let store = stores.get(set);
  if (!store) {
    store = (async () => {
      const readModels = new SqliteReadModels(':memory:');
      for (const [projection, documents] of set.rows) {
        const rows = Object.fromEntries(
          Object.entries(documents).flatMap(([key, row]) => (row === undefined ? [] : [[key, { row, index: entriesOf(projection, row) }]])),
        );
        await readModels.commit(projection.name, { fromPosition: 0, toPosition: 1, version: projection.version, rows });
      }
      return readModels;
    })();
    stores.set(set, store);
  }
  return store;
}

/** Every row of a view over the set, page after page (`limit` rows each), as the read service reads them. */
export async function run<Q extends z.ZodObject, P>(view: ReadModelView<Q, P>, set: ProjectedSet, filters: z.output<Q>, { today }: { today: string }, limit = 1_000): Promise<Row[]> {
  const reader = readerOver(await storeOf(set), today);
  const rows: Row[] = [];
  for (let after: P | undefined, pages = 0; ; pages++) {
    if (pages > 10_000) throw new Error('a view that never reaches its last page');
    const page = await view.page(reader, filters, { after, limit });
    rows.push(...page.rows);
    if (page.next === null) return rows;
    after = view.place.parse(JSON.parse(JSON.stringify(page.next))) as P;
  }
}

/** The demo ledger from the seed documents, as a projection would read it from the log. */
export async function seedEvents(): Promise<ProjectedEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-seeds-'));
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  try {
    await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo);
    return (await store.readAll()).map(toProjectedEvent);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
