// Child: rebuild read models from a ledger in one pass with the embedded runner
// (EmbeddedRunner.rebuildAll, what the server runs at start when projections changed),
// into DATA_DIR/readmodels.db beside the ledger. Its peak RSS is the rebuild's.

import { join } from 'node:path';
import { EmbeddedRunner } from '../../src/projections/embedded-runner.js';
import { allProjections } from '../../src/projections/registry.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain, reportProgress } from '../lib/child.js';

export interface RebuildInput {
  dataDir: string;
  /** Projection names; all when absent. */
  projections?: string[];
}

await childMain(async ({ dataDir, projections }: RebuildInput) => {
  const store = openSqliteEventStore({ path: join(dataDir, 'ledger.db') });
  const readModels = new SqliteReadModels(join(dataDir, 'readmodels.db'));
  const runner = new EmbeddedRunner(store, readModels, allProjections);
  const head = await store.headPosition();
  const started = performance.now();
  await runner.rebuildAll(projections ?? allProjections.map((p) => p.name), reportProgress());
  const seconds = (performance.now() - started) / 1000;
  await readModels.close();
  await store.close();
  return { events: head, seconds, eventsPerSec: head / seconds, projections: projections?.length ?? allProjections.length };
});
