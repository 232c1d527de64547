// Child: write a generated ledger to a fresh SQLite file. NORMAL synchronous: this is
// loading a fixture, not a measurement; the file is complete and checkpointed at the end.

import { appendGenerated, type GenerateOptions } from '../../src/generate/index.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain, reportProgress } from '../lib/child.js';

export interface GenerateInput extends GenerateOptions {
  path: string;
}

await childMain(async (input: GenerateInput) => {
  const store = openSqliteEventStore({ path: input.path, synchronous: 'NORMAL' });
  const started = performance.now();
  const events = await appendGenerated(store, { ...input, window: 1_024 }, reportProgress());
  const head = await store.headPosition();
  await store.close();
  return { events, head, seconds: (performance.now() - started) / 1000 };
});
