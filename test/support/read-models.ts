// The read models a server serves, against the same log replayed from zero into a
// fresh file: after any crash, they must be the same documents at the same position.

import { join } from 'node:path';
import { EmbeddedRunner } from '../../src/projections/embedded-runner.js';
import { allProjections } from '../../src/projections/registry.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import type { ReadModelStore } from '../../src/projections/read-model-store.js';
import type { EventStore } from '../../src/store/port.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

export type ReadModelSnapshot = Record<string, { position: number | undefined; documents: Array<[string, unknown]> }>;

/** Every registered projection's checkpoint position and documents. */
export async function snapshot(readModels: ReadModelStore): Promise<ReadModelSnapshot> {
  const result: ReadModelSnapshot = {};
  for (const projection of allProjections) {
    result[projection.name] = {
      position: (await readModels.checkpoint(projection.name))?.position,
      documents: await readModels.list(projection.name, ''),
    };
  }
  return result;
}

/** The read models in `dataDir/readmodels.db` (the server may hold it open: WAL lets us read beside it). */
export async function servedReadModels(dataDir: string): Promise<ReadModelSnapshot> {
  const readModels = new SqliteReadModels(join(dataDir, 'readmodels.db'));
  try {
    return await snapshot(readModels);
  } finally {
    await readModels.close();
  }
}

/** Waits until every projection in `dataDir/readmodels.db` (or in the read-model store given) has reached `head`. */
export async function waitForReadModels(where: string | ReadModelStore, head: number, timeoutMs = 20_000): Promise<void> {
  const readModels = typeof where === 'string' ? new SqliteReadModels(join(where, 'readmodels.db')) : where;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const positions = await Promise.all(allProjections.map(async (p) => (await readModels.checkpoint(p.name))?.position ?? 0));
      if (positions.every((p) => p >= head)) return;
      if (Date.now() > deadline) {
        throw new Error(`read models did not reach ${head} in ${timeoutMs} ms: ${allProjections.map((p, i) => `${p.name}=${positions[i]}`).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    if (typeof where === 'string') await readModels.close();
  }
}

/** Replays the whole log (of the ledger file `log`, or a store) into a fresh read-model file `into`, and returns what it built. */
export async function rebuiltReadModels(log: string | EventStore, into: string): Promise<ReadModelSnapshot> {
  const store = typeof log === 'string' ? openSqliteEventStore({ path: log }) : log;
  const readModels = new SqliteReadModels(into);
  try {
    await new EmbeddedRunner(store, readModels, allProjections).catchUp();
    return await snapshot(readModels);
  } finally {
    await readModels.close();
    if (typeof log === 'string') await store.close();
  }
}
