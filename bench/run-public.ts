// Only the public site's measures, on the quick profile's main ledger (or the full one with
// --full): `npx tsc -p bench/tsconfig.json && node dist/bench/run-public.js`. For a look at the
// public site's figures without the whole benchmark; `npm run bench` runs them with the rest.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './lib/child.js';
import { cachedLedger, copyLedgerTo } from './lib/ledger-cache.js';
import { full, quick } from './lib/profile.js';
import { step } from './lib/progress.js';
import { measurePublicSite } from './measures/public-site.js';
import { table } from './report.js';

const profile = process.argv.includes('--full') ? full : quick;
const ledger = await cachedLedger({ name: 'main', seed: profile.seed, events: profile.ledgerEvents }, () => step(`Generating the main ledger (${profile.ledgerEvents} events)`));
const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-public-'));
try {
  copyLedgerTo(ledger, dir);
  step('Rebuilding the read models');
  await runChild('rebuild', { dataDir: dir });
  process.stdout.write(`\n${table(await measurePublicSite(profile, ledger, dir))}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
