// `npm run bench` (full, writes BENCHMARKS.md) and `npm run bench:quick` (small sizes, under
// a minute, prints the table and writes test-output/bench-quick.md). Runs from dist/bench.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { cachedLedger, type CachedLedger, type LedgerSpec } from './lib/ledger-cache.js';
import { figure, mb, perSec, ratio, type Figure } from './lib/figures.js';
import { describeMachine } from './lib/machine.js';
import { activityHeavyWeights, EVENTS_PER_ACTIVITY, full, quick, type Profile } from './lib/profile.js';
import { step } from './lib/progress.js';
import { measureHttp } from './measures/http.js';
import { measurePeer } from './measures/peer.js';
import { measureDuplication, measureMainQueries } from './measures/queries.js';
import { measureEmbeddedRebuild, measureWorkerRebuild, REDIS_URL, type Rebuilt } from './measures/rebuild.js';
import { measureRawInsert, measureRawRead } from './measures/storage.js';
import { measureVerify } from './measures/verify.js';
import { render, table, writeBenchmarks, type Report } from './report.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const profile: Profile = process.argv.includes('--quick') ? quick : full;

async function ledger(spec: LedgerSpec): Promise<CachedLedger> {
  return cachedLedger(spec, () => step(`Generating the ${spec.name} ledger (${spec.events.toLocaleString('en-GB')} events, seed ${spec.seed}); cached for later runs`));
}

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  probe.on('error', () => undefined);
  try {
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

function rebuildFigure(label: string, rebuilt: Rebuilt, target = '', met: boolean | null = null, note = ''): Figure {
  return figure('Rebuild', label, perSec(rebuilt.eventsPerSec), target, met, `${rebuilt.seconds.toFixed(1)} s, peak RSS ${mb(rebuilt.maxRssMb)}${note ? `; ${note}` : ''}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  step(`engagement-ledger benchmark (${profile.name}): ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}`);
  const main = await ledger({ name: 'main', seed: profile.seed, events: profile.ledgerEvents });
  const duplicationEvents = Math.round(profile.duplicationActivities * EVENTS_PER_ACTIVITY);
  const duplication = await ledger({ name: 'activities', seed: profile.seed + 1, events: duplicationEvents, days: 3_650, weights: activityHeavyWeights });

  const figures: Figure[] = [];
  const http = await measureHttp(profile);
  figures.push(...http.figures);

  step(`Storage: raw better-sqlite3 inserts, ${profile.runs} runs`);
  const rawInsert = await measureRawInsert(profile);
  figures.push(
    figure('Storage', 'Raw better-sqlite3 insert of the same rows (1,000 per transaction)', perSec(rawInsert)),
    figure('Storage', 'Batch append / raw insert', ratio(http.batchPerSec / rawInsert), '≥ 0.5', http.batchPerSec / rawInsert >= 0.5),
  );

  figures.push(...(await measurePeer(profile)));

  step(`Storage: raw read-and-parse of ${main.events.toLocaleString('en-GB')} events, ${profile.runs} runs`);
  const rawRead = await measureRawRead(profile, main);
  figures.push(figure('Storage', `Raw read-and-parse, ${main.events.toLocaleString('en-GB')} events (SELECT all, JSON.parse data)`, perSec(rawRead)));

  const queryDir = mkdtempSync(join(tmpdir(), 'ledger-bench-queries-'));
  try {
    step(`Rebuild: embedded runner, all read models, ${profile.runs} runs`);
    const embedded = await measureEmbeddedRebuild(profile, main, queryDir);
    figures.push(
      rebuildFigure(`Embedded runner, all read models, ${main.events.toLocaleString('en-GB')} events`, embedded, 'RSS ≤ 512 MB', embedded.maxRssMb <= 512),
      figure('Rebuild', 'Embedded rebuild / raw read-and-parse', ratio(embedded.eventsPerSec / rawRead), '≥ 0.6', embedded.eventsPerSec / rawRead >= 0.6),
    );
    figures.push(...(await measureMainQueries(profile, main, queryDir)));
  } finally {
    rmSync(queryDir, { recursive: true, force: true });
  }
  figures.push(...(await measureDuplication(profile, duplication)));

  if (await redisReachable()) {
    const one = await measureWorkerRebuild(profile, main, 1);
    const two = await measureWorkerRebuild(profile, main, 2);
    figures.push(
      rebuildFigure('BullMQ: dispatcher + 1 worker', one, 'RSS ≤ 512 MB', one.maxRssMb <= 512),
      rebuildFigure('BullMQ: dispatcher + 2 workers', two, 'faster than 1 worker; RSS ≤ 512 MB', two.seconds < one.seconds && two.maxRssMb <= 512, `${ratio(one.seconds / two.seconds)} the speed of one worker`),
    );
  } else {
    figures.push(figure('Rebuild', 'BullMQ runner', 'skipped', '', null, `no Redis at ${REDIS_URL}`));
  }

  step(`Verify: hash chain, ${profile.runs} runs`);
  figures.push(...(await measureVerify(profile, main)));

  const report: Report = {
    date: new Date(),
    machine,
    profile,
    figures,
    minutes: (performance.now() - started) / 60_000,
    ledgers: [
      `main: ${main.events.toLocaleString('en-GB')} events, seed ${main.spec.seed}, default mix, two years`,
      `activity-heavy: ${duplication.events.toLocaleString('en-GB')} events, seed ${duplication.spec.seed}, ten years`,
    ],
  };
  if (profile.name === 'full') {
    writeBenchmarks(join(repoRoot, 'BENCHMARKS.md'), report);
    step('Wrote BENCHMARKS.md');
  } else {
    const out = join(repoRoot, 'test-output', 'bench-quick.md');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${render(report)}\n`);
    step(`Quick run (not written to BENCHMARKS.md); also in ${out}`);
  }
  process.stdout.write(`\n${table(figures)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
