// Child: verify a ledger's hash chain from the first event (verifyLedger, what
// `ledger verify` and GET /v1/integrity run), with no signed checkpoints to compare.

import { verifyLedger } from '../../src/audit/integrity/verify.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain, reportProgress } from '../lib/child.js';

await childMain(async ({ path }: { path: string }) => {
  const store = openSqliteEventStore({ path });
  const started = performance.now();
  const verification = await verifyLedger(store, reportProgress());
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  if (verification.ok !== true) throw new Error(`the generated ledger does not verify: ${JSON.stringify(verification).slice(0, 500)}`);
  return { events: verification.checked, seconds, eventsPerSec: verification.checked / seconds };
});
