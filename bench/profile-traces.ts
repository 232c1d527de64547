// Decision traces in a loop, in-process, for a CPU profile of one build:
//   node --cpu-prof --cpu-prof-dir=prof dist/bench/profile-traces.js DIST DATA_DIR [distinct|repeat] [SECONDS]
// DIST is a build's dist/ (this one's, or another commit's), DATA_DIR one that `run-traces.js --keep`
// left (its ledger holds the 10,000-response consultation). After the first trace (which reads the
// links), for SECONDS: `distinct` traces each decision once, in log order, as the bench's spread
// does; `repeat` traces the same 300 again and again. Each way, the large decision 50 times a turn.
// Prints traces, CPU ms a trace and the GC pauses seen; summarise the profile with summarise-profile.js.

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withGc } from './lib/gc.js';

const [dist = '', dataDir = '', mode = 'distinct', seconds = '10'] = process.argv.slice(2);
const at = (path: string) => pathToFileURL(join(dist, path)).href;
const { traceDecision } = (await import(at('src/audit/trace/read.js'))) as { traceDecision: (store: unknown, id: string) => Promise<unknown> };
const { openSqliteEventStore } = (await import(at('src/store/sqlite/index.js'))) as { openSqliteEventStore: (o: { path: string }) => { close(): Promise<void> } };

const path = join(dataDir, 'ledger.db');
const db = new Database(path, { readonly: true });
const ids = db.prepare<[], string>("SELECT json_extract(data, '$.decisionId') FROM events WHERE type = 'DecisionRecorded' ORDER BY position").pluck().all();
db.close();
const large = 'bench-trace-decision';
const store = openSqliteEventStore({ path });
let started = performance.now();
await traceDecision(store, ids[0] as string);
process.stdout.write(`first trace ${(performance.now() - started).toFixed(0)} ms\n`);

const cpu = process.cpuUsage();
started = performance.now();
const { result: traces, gc } = await withGc(async () => {
  let traced = 0;
  for (let next = 1; performance.now() - started < Number(seconds) * 1000; ) {
    const turn = mode === 'repeat' ? ids.slice(1, 301) : ids.slice(next, (next += 300));
    for (const id of turn) JSON.stringify(await traceDecision(store, id));
    for (let k = 0; k < 50; k++) JSON.stringify(await traceDecision(store, large));
    traced += turn.length + 50;
  }
  return traced;
});
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${mode}: ${traces} traces, ${((used.user + used.system) / 1000 / traces).toFixed(3)} CPU ms a trace, ` +
    `GC ${gc.count} pauses, ${gc.totalMs.toFixed(0)} ms (${((gc.totalMs / (performance.now() - started)) * 100).toFixed(1)} % of the time), longest ${gc.maxMs.toFixed(1)} ms\n`,
);
await store.close();
