// `ledger import ...`: records sent through the domain, exactly as officers would send them.

import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore } from '../app.js';
import { seedDemo } from '../demo/seeds.js';
import { loadDemo } from '../demo/load.js';
import type { Command } from '../domain/aggregate.js';
import { importActionsCsv } from '../import/actions-csv.js';
import { CommandHandler } from '../ledger/command-handler.js';
import { Ledger } from '../ledger/ledger.js';
import type { EventStore } from '../store/port.js';
import { configOrExit } from './environment.js';
import { progressBar } from './progress.js';

async function withLedger<T>(dataDir: string | undefined, work: (ledger: Ledger, store: EventStore) => Promise<T>): Promise<T> {
  const config = configOrExit({ DATA_DIR: dataDir });
  // An import may be the first thing run on a machine: the embedded store's directory may not exist yet.
  if (config.STORE === 'sqlite') mkdirSync(resolve(config.DATA_DIR), { recursive: true, mode: 0o700 });
  const store = openStore(config);
  try {
    return await work(new Ledger(new CommandHandler({ store })), store);
  } finally {
    await store.close();
  }
}

export async function importSeeds(options: { dataDir?: string }): Promise<void> {
  await withLedger(options.dataDir, async (ledger, store) => {
    if ((await store.readAll({ maxCount: 1 })).length > 0) {
      throw new Error('this ledger already holds events; the seed documents are imported into a new ledger only');
    }
    const bar = progressBar('Importing the seed documents');
    const events = await loadDemo(ledger, seedDemo, (done, total) => bar.update(done, total));
    bar.stop();
    process.stdout.write(`Imported the seed documents: ${seedDemo.length} commands, ${events} events.\n`);
  });
}

export interface ImportActionsOptions {
  plan: string;
  org: string;
  reportedOn: string;
  dataDir?: string;
}

export async function importActions(file: string, options: ImportActionsOptions): Promise<void> {
  const { commands, problems } = importActionsCsv(readFileSync(file, 'utf8'), { planId: options.plan, reportedOn: options.reportedOn });
  for (const problem of problems) process.stderr.write(`${file}:${problem.line}: ${problem.message}\n`);
  if (problems.length > 0) throw new Error(`${problems.length} row(s) could not be read; nothing was imported`);

  await withLedger(options.dataDir, async (ledger) => {
    // The operator imports on behalf of the organisation that owns the plan.
    const actor = { id: 'ledger import actions', role: 'officer' as const, organisationId: options.org };
    const bar = progressBar(`Importing ${file}`);
    let done = 0;
    for (const command of commands as Command[]) {
      await ledger.execute(command, { actor, correlationId: `import:${file}` });
      bar.update(++done, commands.length);
    }
    bar.stop();
    process.stdout.write(`Imported ${commands.length} commands from ${file} into plan ${options.plan}.\n`);
  });
}
