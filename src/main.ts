// `npm start`: open the embedded ledger, load the demo from the seed documents
// on first run, and read back what one decision rests on.
// (The HTTP API replaces this with a server; until then this shows the core working end to end.)

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decisionStream } from './domain/aggregates/decision.js';
import { activityStream } from './domain/aggregates/activity.js';
import { redcar2007 } from './demo/redcar-2007.js';
import { loadDemo } from './demo/load.js';
import { CommandHandler, toLedgerEvent } from './ledger/command-handler.js';
import { Ledger } from './ledger/ledger.js';
import { openSqliteEventStore } from './store/sqlite/index.js';

const dataDir = resolve(process.env.DATA_DIR ?? 'data');
mkdirSync(dataDir, { recursive: true });
const path = join(dataDir, 'ledger.db');
const store = openSqliteEventStore({ path });
const ledger = new Ledger(new CommandHandler({ store }));

try {
  if ((await store.readAll({ maxCount: 1 })).length === 0) {
    const count = await loadDemo(ledger, redcar2007);
    console.log(`Loaded the demo ledger from the seed documents: ${count} events into ${path}`);
  } else {
    console.log(`Opened ${path}`);
  }

  const decisionId = 'rc-partnership-board-2007-05-25';
  const decision = (await store.readStream(decisionStream(decisionId))).map(toLedgerEvent);
  for (const event of decision) {
    if (event.type === 'DecisionRecorded') console.log(`\n${event.data.body}, ${event.data.decidedOn}: ${event.data.title}`);
    if (event.type !== 'InfluenceLinked') continue;
    const activity = (await store.readStream(activityStream(event.data.source.activityId))).map(toLedgerEvent);
    const planned = activity.find((e) => e.type === 'ActivityPlanned');
    const source = event.data.source;
    const finding = source.kind === 'finding' ? activity.find((e) => e.type === 'FindingRecorded' && e.data.findingId === source.findingId) : undefined;
    console.log(`  <- ${event.data.influence}: ${planned?.type === 'ActivityPlanned' ? `${planned.data.title} (${planned.data.window.opens})` : source.activityId}`);
    if (finding?.type === 'FindingRecorded') console.log(`     finding "${finding.data.theme}": ${finding.data.summary}`);
  }

  const check = store.verify();
  console.log(
    check.ok
      ? `\nHash chain verified: ${check.checked} events, head ${check.headPosition} ${check.headHash}`
      : `\nHash chain BROKEN at position ${check.brokenAt}: ${check.reason}`,
  );
  process.exitCode = check.ok ? 0 : 1;
} finally {
  await store.close();
}
