// `ledger import seeds` on a machine where nothing has run yet: DATA_DIR does not exist.

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { runLedger } from '../support/ledger-process.js';

const parent = mkdtempSync(join(tmpdir(), 'ledger-import-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

it('imports the seed documents into a DATA_DIR that does not exist yet, creating it for its owner only', { timeout: 120_000 }, async () => {
  const dataDir = join(parent, 'not', 'yet', 'made');
  expect(existsSync(dataDir)).toBe(false);

  const { code, stdout, stderr } = await runLedger(['import', 'seeds'], { DATA_DIR: dataDir });

  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(/^Imported the seed documents: \d+ commands, \d+ events\./m);
  expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  const store = openSqliteEventStore({ path: join(dataDir, 'ledger.db') });
  try {
    const events = Number(/(\d+) events/.exec(stdout)?.[1]);
    expect(await store.headPosition()).toBe(events);
    expect(store.verify()).toMatchObject({ ok: true, headPosition: events });
  } finally {
    await store.close();
  }
});
