// Child: verify a ledger's hash chain and Merkle tree from the first event (verifyLedger, what
// `ledger verify` and GET /v1/integrity run), with no signed checkpoints to compare; with
// `parallel`, the log is checked in ranges, a worker thread per core (verifyLedgerWith's parallel mode).

import { verifyLedgerWith } from '../../src/audit/integrity/verify.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain, reportProgress } from '../lib/child.js';

await childMain(async ({ path, parallel }: { path: string; parallel?: boolean }) => {
  const store = openSqliteEventStore({ path });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const onProgress = reportProgress();
  const verification = await verifyLedgerWith(store, { onProgress, ...(parallel ? { parallel: { path } } : {}) });
  const seconds = (performance.now() - started) / 1000;
  // Every thread of the process: the workers' time counts.
  const { user, system } = process.cpuUsage(cpu);
  await store.close();
  if (verification.ok !== true) throw new Error(`the generated ledger does not verify: ${JSON.stringify(verification).slice(0, 500)}`);
  if (!verification.checkpoints.treeChecked) throw new Error('the Merkle tree was not checked: the figure would not be the verification `ledger verify` runs');
  return { events: verification.checked, seconds, cpuSeconds: (user + system) / 1e6, eventsPerSec: verification.checked / seconds };
});
