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

/** Every page of a read model (1,000 rows each), following `next`: the time for all of them, and the rows. */
async function everyPage<T>(url: string, token: string): Promise<{ ms: number; rows: T[]; bytes: number }> {
  const started = performance.now();
  const rows: T[] = [];
  let bytes = 0;
  for (let cursor: string | null = null; ; ) {
    const page: Timed = await timedGet(`${url}${url.includes('?') ? '&' : '?'}limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    bytes += page.bytes;
    rows.push(...rowsOf<T>(page));
    cursor = (JSON.parse(page.body) as { next: string | null }).next;
    if (cursor === null) return { ms: performance.now() - started, rows, bytes };
  }
}

/** One warm-up, then `runs` reads of every page. */
async function everyPageRuns<T>(url: string, token: string, runs: number): Promise<Array<{ ms: number; rows: T[]; bytes: number }>> {
  await everyPage(url, token);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await everyPage<T>(url, token));
  return times;
}

/** One warm-up, then `runs` timed requests. */
async function timedRuns(url: string, token: string, runs: number): Promise<Timed[]> {
  await timedGet(url, token);
  const times: Timed[] = [];
  for (let i = 0; i < runs; i++) times.push(await timedGet(url, token));
  return times;
}

/** Evenly spread over the log, so early and late decisions are both traced. */
export function sampleDecisions(ledgerPath: string, count: number): string[] {
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
    const matrix = await everyPageRuns(`${server.url}/v1/health-check/matrix?after=${ledger.events}`, auditor, profile.runs);
    const rows = (matrix[0] as { rows: unknown[] }).rows.length;
    const sizeK = (n: number) => `${Math.round(n / 1024)} KiB`;
    const traceP99 = percentile(traces.map((t) => t.ms), 99);
    return [
      figure('Queries', `Decision trace p50, ${ledger.events.toLocaleString('en-GB')}-event ledger (GET /v1/trace/decisions/:id)`, ms(percentile(traces.map((t) => t.ms), 50)), '', null, `${decisions.length} decisions spread over the log, one at a time after 10 warm-up; median ${median(nodes)} nodes per trace`),
      figure('Queries', 'Decision trace p99', ms(traceP99), '≤ 5 ms', traceP99 <= 5),
      figure('Queries', 'Health-check matrix, all organisations and cycles (GET /v1/health-check/matrix, every page)', ms(median(matrix.map((t) => t.ms))), '', null, `${rows} rows, ${sizeK((matrix[0] as { bytes: number }).bytes)} of JSON in pages of 1,000; after one warm-up`),
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
      // The whole report is every page (1,000 clusters each), following `next`.
      const reports = await everyPageRuns<{ activityCount: number }>(`${server.url}/v1/duplication/clusters?after=${ledger.events}`, scrutiny, profile.runs);
      const seconds = median(reports.map((r) => r.ms)) / 1000;
      const { rows: clusters, bytes } = reports[0] as { rows: Array<{ activityCount: number }>; bytes: number };
      const inClusters = clusters.reduce((sum, c) => sum + c.activityCount, 0);
      const firstPage = await timedRuns(`${server.url}/v1/duplication/clusters?after=${ledger.events}`, scrutiny, Math.max(profile.runs, 10));
      const first = percentile(firstPage.map((t) => t.ms), 99);
      const note = `${clusters.length} clusters holding ${inClusters} activities, ${Math.round(bytes / 1024)} KiB of JSON in pages of 1,000; ${ledger.events.toLocaleString('en-GB')}-event activity-heavy ledger; after one warm-up`;
      return [
        figure('Queries', `Duplication report over ${activities.toLocaleString('en-GB')} activities (GET /v1/duplication/clusters, every page)`, `${seconds.toFixed(2)} s`, '≤ 2 s', seconds <= 2, note),
        figure('Read models', 'Duplication clusters, whole report (issue 13)', `${seconds.toFixed(2)} s`, '≤ 1 s', seconds <= 1, 'the same runs as above'),
        figure('Read models', 'Duplication clusters, first page (100 clusters): p99', ms(first), '≤ 100 ms', first <= 100, `${firstPage.length} runs after one warm-up`),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
