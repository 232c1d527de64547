// `ledger projections rebuild [NAME]`: replay the log into a fresh copy of a read
// model and swap it in at once; readers keep the old copy until then.

import { join, resolve } from 'node:path';
import { openStore } from '../app.js';
import { EmbeddedRunner } from '../projections/embedded-runner.js';
import { allProjections } from '../projections/registry.js';
import { SqliteReadModels } from '../projections/sqlite/sqlite-read-models.js';
import { configOrExit } from './environment.js';
import { progressBar } from './progress.js';

export async function rebuildProjections(name: string | undefined, options: { dataDir?: string }): Promise<void> {
  const config = configOrExit({ DATA_DIR: options.dataDir });
  const names = name ? [name] : allProjections.map((p) => p.name);
  const unknown = names.filter((n) => !allProjections.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`no projection ${unknown.join(', ')}; there are: ${allProjections.map((p) => p.name).join(', ')}`);

  const store = openStore(config);
  const readModels = new SqliteReadModels(join(resolve(config.DATA_DIR), 'readmodels.db'));
  try {
    const runner = new EmbeddedRunner(store, readModels, allProjections);
    // All of them in one pass over the log: each event is read and parsed once for every projection.
    const started = performance.now();
    const bar = progressBar(`Rebuilding ${names.join(', ')}`);
    await runner.rebuildAll(names, (position, head) => bar.update(position, head));
    bar.stop();
    const head = await store.headPosition();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`Rebuilt ${names.join(', ')}: ${head} events in ${seconds.toFixed(1)} s (${Math.round(head / Math.max(seconds, 1e-3))} events/s)\n`);
  } finally {
    await readModels.close();
    await store.close();
  }
}
