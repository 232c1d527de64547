// Only the HTTP measures (API append, no-op, batch append), on the quick profile with 10 s runs
// unless told otherwise: `npx tsc -p bench/tsconfig.json && node dist/bench/run-http.js [--seconds N] [--full]`.
// With --append-only, just the single-append load once, e.g. under
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof' for a profile of where a POST's time goes.
// With --batch-only [--rounds N] [--posts N] [--responses N] [--personal], just the batch route,
// each round alternated with raw better-sqlite3 inserts of as many rows (bench/profiles/batch-append.md);
// --personal gives every response a respondent, sealed under a new subject's key.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { full, quick, type Profile } from './lib/profile.js';
import { step } from './lib/progress.js';
import { batchesAgainstRaw, load, measureHttp, preparedLedger } from './measures/http.js';
import { table } from './report.js';

const argv = process.argv;
const seconds = argv.includes('--seconds') ? Number(argv[argv.indexOf('--seconds') + 1]) : 10;
const base = argv.includes('--full') ? full : quick;
const number = (flag: string, otherwise: number): number => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : otherwise);
const profile: Profile = {
  ...base,
  http: { ...base.http, durationSec: seconds, batchPosts: number('--posts', base.http.batchPosts), batchResponses: number('--responses', base.http.batchResponses) },
};

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

async function batchOnly(): Promise<void> {
  const rounds = await batchesAgainstRaw(profile, number('--rounds', 3), argv.includes('--personal'));
  for (const [i, round] of rounds.entries()) {
    process.stdout.write(`round ${i + 1}: batch ${Math.round(round.batchPerSec)} events/s, raw ${Math.round(round.rawPerSec)} rows/s, ratio ${(round.batchPerSec / round.rawPerSec).toFixed(3)}, server CPU ${round.serverCpuMsPer1000.toFixed(0)} ms per 1,000 responses\n`);
  }
}

if (argv.includes('--append-only')) await appendOnly();
else if (argv.includes('--batch-only')) await batchOnly();
else process.stdout.write(`\n${table((await measureHttp(profile)).figures)}\n`);
