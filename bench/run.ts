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
import { measureScaleOut } from './measures/nodes.js';
import { measurePostgres } from './measures/postgres.js';
import { measureDuplication, measureMainQueries } from './measures/queries.js';
import { measureReadModels } from './measures/read-models.js';
import { measureLargeFeedbackTrace } from './measures/trace-feedback.js';
import { measureEmbeddedRebuild, measureWorkerRebuild, REDIS_URL, type Rebuilt } from './measures/rebuild.js';
import { measureProofsServed, measureProofVerify, measureTreeAppend, measureTreeBuild } from './measures/merkle.js';
import { measureRawInsert, measureRawRead } from './measures/storage.js';
import { measureVerify } from './measures/verify.js';
import { measureWorkbenchImport } from './measures/workbench-import.js';
import { measurePublicSite } from './measures/public-site.js';
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
  const rss = rebuilt.dispatcherRssMb === undefined ? mb(rebuilt.maxRssMb) : `${mb(rebuilt.maxRssMb)} (dispatcher ${mb(rebuilt.dispatcherRssMb)}, worker ${mb(rebuilt.workerRssMb ?? 0)})`;
  return figure('Rebuild', label, perSec(rebuilt.eventsPerSec), target, met, `${rebuilt.seconds.toFixed(1)} s, peak RSS ${rss}${note ? `; ${note}` : ''}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  step(`engagement-ledger benchmark (${profile.name}): ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}`);
  const mainLedger = await ledger({ name: 'main', seed: profile.seed, events: profile.ledgerEvents });
  const duplicationEvents = Math.round(profile.duplicationActivities * EVENTS_PER_ACTIVITY);
  const duplication = await ledger({ name: 'activities', seed: profile.seed + 1, events: duplicationEvents, days: 3_650, weights: activityHeavyWeights });
  // A tenth of the main ledger, same seed and shape: a filtered query's cost should follow its answer, not the ledger.
  const tenth = await ledger({ name: 'main-tenth', seed: profile.seed, events: Math.round(profile.ledgerEvents / 10) });

  const figures: Figure[] = [];
  const failures: string[] = [];
  /** A measurement that fails is reported as failed; the others still run and the report is still written. */
  async function attempt<T>(group: string, what: string, measure: () => Promise<T>): Promise<T | undefined> {
    try {
      return await measure();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${group}: ${what} failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
      figures.push(figure(group, what, 'failed', '', false, message.split('\n')[0]?.slice(0, 300) ?? ''));
      failures.push(`${group}: ${what}`);
      return undefined;
    }
  }
  /** `a / b` beside its target, or "not measured" when either side failed. */
  function ratioFigure(group: string, what: string, a: number | undefined, b: number | undefined, target: number): Figure {
    if (a === undefined || b === undefined) return figure(group, what, 'not measured', `≥ ${target}`, null, 'a measurement it needs failed');
    return figure(group, what, ratio(a / b), `≥ ${target}`, a / b >= target);
  }

  const http = await attempt('HTTP', 'API append, no-op and batch append', () => measureHttp(profile));
  if (http) figures.push(...http.figures);

  step(`Storage: raw better-sqlite3 inserts, ${profile.runs} runs`);
  const rawInsert = await attempt('Storage', 'Raw better-sqlite3 insert', () => measureRawInsert(profile));
  if (rawInsert !== undefined) figures.push(figure('Storage', 'Raw better-sqlite3 insert of the same rows (1,000 per transaction)', perSec(rawInsert)));
  figures.push(ratioFigure('Storage', 'Batch append / raw insert', http?.batchPerSec, rawInsert, 0.5));

  const peer = await attempt('Peer', 'Emmett peer', () => measurePeer(profile));
  if (peer) figures.push(...peer);

  figures.push(...(await measurePostgres(profile, (what, measure) => attempt('PostgreSQL', what, measure))));
  figures.push(...(await measureScaleOut(profile, (what, measure) => attempt('Scale-out', what, measure))));

  const events = mainLedger.events.toLocaleString('en-GB');
  step(`Storage: raw read-and-parse of ${events} events, ${profile.runs} runs`);
  const rawRead = await attempt('Storage', 'Raw read-and-parse', () => measureRawRead(profile, mainLedger));
  if (rawRead !== undefined) figures.push(figure('Storage', `Raw read-and-parse, ${events} events (SELECT all, JSON.parse data)`, perSec(rawRead)));

  const queryDir = mkdtempSync(join(tmpdir(), 'ledger-bench-queries-'));
  try {
    step(`Rebuild: embedded runner, all read models, ${profile.runs} runs`);
    const embedded = await attempt('Rebuild', 'Embedded runner', () => measureEmbeddedRebuild(profile, mainLedger, queryDir));
    if (embedded) figures.push(rebuildFigure(`Embedded runner, all read models, ${events} events`, embedded, 'RSS ≤ 512 MB', embedded.maxRssMb <= 512));
    figures.push(ratioFigure('Rebuild', 'Embedded rebuild / raw read-and-parse', embedded?.eventsPerSec, rawRead, 0.6));
    figures.push(ratioFigure('Read models', 'Rebuild of every read model / raw read-and-parse (issue 13)', embedded?.eventsPerSec, rawRead, 0.5));
    if (embedded) {
      const queries = await attempt('Queries', 'Decision traces and health-check matrix', () => measureMainQueries(profile, mainLedger, queryDir));
      if (queries) figures.push(...queries);
      const readModels = await attempt('Read models', 'Filtered queries, first pages, one matrix', () => measureReadModels(profile, mainLedger, queryDir, tenth));
      if (readModels) figures.push(...readModels);
      const proofs = await attempt('Merkle', 'Inclusion proofs served', () => measureProofsServed(profile, mainLedger, queryDir));
      if (proofs) figures.push(...proofs);
      // Last on this copy of the ledger: these two append records through the API.
      const publicSite = await attempt('Public site', 'Consultation page, finder, throughput', () => measurePublicSite(profile, mainLedger, queryDir));
      if (publicSite) figures.push(...publicSite);
      const feedbackTrace = await attempt('Queries', 'Decision trace citing an activity with many responses', () => measureLargeFeedbackTrace(profile, queryDir, mainLedger.events));
      if (feedbackTrace) figures.push(...feedbackTrace);
    }
  } finally {
    rmSync(queryDir, { recursive: true, force: true });
  }
  const duplicationReport = await attempt('Queries', 'Duplication report', () => measureDuplication(profile, duplication));
  if (duplicationReport) figures.push(...duplicationReport);

  if (await redisReachable()) {
    const one = await attempt('Rebuild', 'BullMQ: dispatcher + 1 worker', () => measureWorkerRebuild(profile, mainLedger, 1));
    if (one) figures.push(rebuildFigure('BullMQ: dispatcher + 1 worker', one, 'RSS ≤ 512 MB', one.maxRssMb <= 512));
    const two = await attempt('Rebuild', 'BullMQ: dispatcher + 2 workers', () => measureWorkerRebuild(profile, mainLedger, 2));
    if (two) figures.push(rebuildFigure('BullMQ: dispatcher + 2 workers', two, 'RSS ≤ 512 MB', two.maxRssMb <= 512));
    if (one && two) figures.push(figure('Rebuild', 'BullMQ: 2 workers / 1 worker (speed)', ratio(one.seconds / two.seconds), '> 1× (faster)', two.seconds < one.seconds));
  } else {
    figures.push(figure('Rebuild', 'BullMQ runner', 'skipped', '', null, `no Redis at ${REDIS_URL}`));
  }

  const treeAppend = await attempt('Merkle', 'Appends with and without the tree', () => measureTreeAppend(profile));
  if (treeAppend) figures.push(...treeAppend);
  const proofVerify = await attempt('Merkle', 'Proofs verified per second', () => measureProofVerify(profile, mainLedger));
  if (proofVerify) figures.push(...proofVerify);
  const treeBuild = await attempt('Merkle', 'Building the tree of a ledger from before it', () => measureTreeBuild(mainLedger));
  if (treeBuild) figures.push(...treeBuild);
  const imported = await attempt('Workbench', 'Spreadsheet import', () => measureWorkbenchImport(profile));
  if (imported) figures.push(...imported);

  step(`Verify: hash chain, ${profile.runs} runs`);
  const verify = await attempt('Verify', 'Hash-chain verification', () => measureVerify(profile, mainLedger));
  if (verify) figures.push(...verify);

  const report: Report = {
    date: new Date(),
    machine,
    profile,
    figures,
    minutes: (performance.now() - started) / 60_000,
    ledgers: [
      `main: ${mainLedger.events.toLocaleString('en-GB')} events, seed ${mainLedger.spec.seed}, default mix, two years`,
      `activity-heavy: ${duplication.events.toLocaleString('en-GB')} events, seed ${duplication.spec.seed}, ten years`,
      `main, a tenth: ${tenth.events.toLocaleString('en-GB')} events, seed ${tenth.spec.seed}, default mix, two years`,
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
  if (failures.length > 0) throw new Error(`${failures.length} measurement(s) failed: ${failures.join('; ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
