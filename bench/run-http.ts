// Only the HTTP measures (API append, no-op, batch append), on the quick profile with 10 s runs
// unless told otherwise: `npx tsc -p bench/tsconfig.json && node dist/bench/run-http.js [--seconds N] [--full]`.
// With --append-only, just the single-append load once, e.g. under
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof' for a profile of where a POST's time goes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { full, quick, type Profile } from './lib/profile.js';
import { step } from './lib/progress.js';
import { load, measureHttp, preparedLedger } from './measures/http.js';
import { table } from './report.js';

const argv = process.argv;
const seconds = argv.includes('--seconds') ? Number(argv[argv.indexOf('--seconds') + 1]) : 10;
const base = argv.includes('--full') ? full : quick;
const profile: Profile = { ...base, http: { ...base.http, durationSec: seconds } };

async function appendOnly(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-append-'));
  const { server, officer, activityIds } = await preparedLedger(dir, profile.http.activities);
  try {
    step(`API append, ${seconds} s, ${profile.http.connections} connections`);
    const result = await load(server.url, officer, activityIds, profile, 'profiled');
    process.stdout.write(`${Math.round(result.eventsPerSec)} events/s, p50 ${result.p50} ms, p99 ${result.p99} ms\n`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (argv.includes('--append-only')) await appendOnly();
else process.stdout.write(`\n${table((await measureHttp(profile)).figures)}\n`);
