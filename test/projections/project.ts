// Test helpers for projections: run events through a projection in memory, no store.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../src/demo/seeds.js';
import { loadDemo } from '../../src/demo/load.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { toProjectedEvent } from '../../src/projections/projected-event.js';
import { foldBatch, type Documents, type Projection, type ProjectedEvent } from '../../src/projections/projection.js';
import type { DocumentSet } from '../../src/projections/read-model-view.js';
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

/**
 * Fold events through projections and return their rows, as views read them: `documents` holds
 * every projection's rows by key (keys name their kind, so they never collide), `set` the rows
 * of one projection, by its name, in key order.
 */
export function project(projections: Projection<unknown> | readonly Projection<unknown>[], events: readonly ProjectedEvent[]): { documents: Documents<unknown>; set: DocumentSet } {
  const byName = new Map<string, Documents<unknown>>();
  for (const projection of [projections].flat()) byName.set(projection.name, foldBatch(projection, events, {}).documents);
  const documents = Object.assign({}, ...byName.values()) as Documents<unknown>;
  const set: DocumentSet = (name) =>
    Object.entries(byName.get(name) ?? {})
      .filter(([, doc]) => doc !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, doc]) => doc);
  return { documents, set };
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
