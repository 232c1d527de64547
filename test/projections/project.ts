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

/** Fold events through a projection and return its documents, as a view reads them. */
export function project<D>(projection: Projection<D>, events: readonly ProjectedEvent[]): { documents: Documents<D>; set: DocumentSet } {
  const { documents } = foldBatch(projection, events, {});
  const set: DocumentSet = (prefix) =>
    Object.entries(documents)
      .filter(([key, doc]) => key.startsWith(prefix) && doc !== undefined)
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
