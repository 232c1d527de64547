// A log, its read models and the read service over them, with events written to the store
// as it holds them: no command, no rule in the way, so a test can plant what the store might
// hold from an older version (a far-future date) as easily as what an officer records.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { currentVersion, type LedgerEvent } from '../../src/domain/events/catalogue.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { EmbeddedRunner } from '../../src/projections/embedded-runner.js';
import { allProjections, allViews } from '../../src/projections/registry.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import { createReadService, type ReadService } from '../../src/read/read-service.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';

const newId = monotonicFactory();

export interface ReadLedger {
  store: SqliteEventStore;
  readModels: SqliteReadModels;
  runner: EmbeddedRunner;
  read: ReadService;
  /** Appends the events to one stream, as recorded by a Halton officer, and returns the last position. */
  append(streamId: string, events: readonly LedgerEvent[]): Promise<number>;
  /** Applies everything appended so far to every read model. */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

/** With `demo`, the demo ledger from the seed documents is loaded first, as the commands record it. */
export async function openReadLedger(options: { demo?: boolean } = {}): Promise<ReadLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-read-'));
  const store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
  if (options.demo) await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo);
  const readModels = new SqliteReadModels(join(dir, 'readmodels.db'));
  const runner = new EmbeddedRunner(store, readModels, allProjections);
  const read = createReadService({ readSide: runner.readSide(), views: allViews });
  const at = '2026-01-01T00:00:00.000Z';
  return {
    store,
    readModels,
    runner,
    read,
    async append(streamId, events) {
      const metadata = { actor: 'test', organisation: 'halton-borough-council', recordedAt: at, occurredAt: at, correlationId: 'test', causationId: null };
      const result = await store.append(
        streamId,
        events.map((e) => ({ id: newId(), type: e.type, version: currentVersion(e.type), data: e.data, metadata })),
      );
      return result.position;
    },
    catchUp: () => runner.catchUp(),
    async close() {
      await readModels.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
