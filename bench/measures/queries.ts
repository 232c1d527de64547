// What panels and auditors wait for, through the built server's HTTP routes, timed from
// this process (request sent to body read): decision traces on the main ledger, the
// health-check matrix of every organisation, and the duplication report over the
// activity-heavy ledger. Read models are rebuilt first, so every answer is complete.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../lib/child.js';
import { figure, ms, type Figure } from '../lib/figures.js';
import { copyLedgerTo, type CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { issueToken, startLedgerServer } from '../lib/servers.js';
import { median, percentile } from '../lib/stats.js';

interface Timed {
  ms: number;
  bytes: number;
  body: string;
}

async function timedGet(url: string, token: string): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
  return { ms: elapsed, bytes: body.length, body };
}

/** A read model's rows; refuses an answer from a read model that has not caught up (it would be incomplete). */
function rowsOf<T>(timed: Timed): T[] {
  const answer = JSON.parse(timed.body) as { rows: T[]; caughtUp: boolean };
  if (!answer.caughtUp) throw new Error('the read model had not caught up with the log');
  return answer.rows;
}

/** One warm-up, then `runs` timed requests. */
async function timedRuns(url: string, token: string, runs: number): Promise<Timed[]> {
  await timedGet(url, token);
  const times: Timed[] = [];
  for (let i = 0; i < runs; i++) times.push(await timedGet(url, token));
  return times;
}

/** Evenly spread over the log, so early and late decisions are both traced. */
function sampleDecisions(ledgerPath: string, count: number): string[] {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const ids = db.prepare<[], string>("SELECT json_extract(data, '$.decisionId') FROM events WHERE type = 'DecisionRecorded' ORDER BY position").pluck().all();
    const step = Math.max(1, ids.length / count);
    return Array.from({ length: Math.min(count, ids.length) }, (_, i) => ids[Math.floor(i * step)] as string);
  } finally {
    db.close();
  }
}

function countActivities(ledgerPath: string): number {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    return db.prepare<[], number>("SELECT count(*) FROM events WHERE type = 'ActivityPlanned'").pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Traces and the matrix on the main ledger, whose read models the embedded rebuild left in `dataDir`. */
export async function measureMainQueries(profile: Profile, ledger: CachedLedger, dataDir: string): Promise<Figure[]> {
  const server = await startLedgerServer(dataDir);
  try {
    const auditor = await issueToken(server, dataDir, 'auditor');
    const decisions = sampleDecisions(ledger.path, profile.traces);
    step(`Queries: ${decisions.length} decision traces over HTTP`);
    for (const id of decisions.slice(0, 10)) await timedGet(`${server.url}/v1/trace/decisions/${id}`, auditor);
    const traces: Timed[] = [];
    for (const id of decisions) traces.push(await timedGet(`${server.url}/v1/trace/decisions/${id}`, auditor));
    const nodes = traces.map((t) => (JSON.parse(t.body) as { nodes: unknown[] }).nodes.length);

    step(`Queries: health-check matrix, all organisations and cycles, ${profile.runs} runs`);
    const matrix = await timedRuns(`${server.url}/v1/health-check/matrix?after=${ledger.events}`, auditor, profile.runs);
    const rows = rowsOf(matrix[0] as Timed).length;
    const sizeK = (n: number) => `${Math.round(n / 1024)} KiB`;
    const traceP99 = percentile(traces.map((t) => t.ms), 99);
    return [
      figure('Queries', `Decision trace p50, ${ledger.events.toLocaleString('en-GB')}-event ledger (GET /v1/trace/decisions/:id)`, ms(percentile(traces.map((t) => t.ms), 50)), '', null, `${decisions.length} decisions spread over the log, one at a time after 10 warm-up; median ${median(nodes)} nodes per trace`),
      figure('Queries', 'Decision trace p99', ms(traceP99), '≤ 5 ms', traceP99 <= 5),
      figure('Queries', 'Health-check matrix, all organisations and cycles (GET /v1/health-check/matrix)', ms(median(matrix.map((t) => t.ms))), '', null, `${rows} rows, ${sizeK((matrix[0] as Timed).bytes)} of JSON; after one warm-up`),
    ];
  } finally {
    await server.stop();
  }
}

/** The duplication report over the activity-heavy ledger: its projection rebuilt, then GET /v1/duplication/clusters. */
export async function measureDuplication(profile: Profile, ledger: CachedLedger): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-duplication-'));
  try {
    copyLedgerTo(ledger, dataDir);
    const activities = countActivities(ledger.path);
    // Every read model, not only duplication's: a server whose runner has projections to catch
    // up from nothing does not answer HTTP until they have (see BENCHMARKS.md notes).
    step(`Queries: duplication report over ${activities} activities (rebuilding the read models first)`);
    await runChild('rebuild', { dataDir });
    const server = await startLedgerServer(dataDir);
    try {
      const scrutiny = await issueToken(server, dataDir, 'scrutiny');
      const report = await timedRuns(`${server.url}/v1/duplication/clusters?after=${ledger.events}`, scrutiny, profile.runs);
      const seconds = median(report.map((t) => t.ms)) / 1000;
      const clusters = rowsOf<{ activityCount: number }>(report[0] as Timed);
      const inClusters = clusters.reduce((sum, c) => sum + c.activityCount, 0);
      return [
        figure('Queries', `Duplication report over ${activities.toLocaleString('en-GB')} activities (GET /v1/duplication/clusters)`, `${seconds.toFixed(2)} s`, '≤ 2 s', seconds <= 2, `${clusters.length} clusters holding ${inClusters} activities, ${Math.round((report[0] as Timed).bytes / 1024)} KiB of JSON; ${ledger.events.toLocaleString('en-GB')}-event activity-heavy ledger; after one warm-up`),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
