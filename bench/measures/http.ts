// API append, the HTTP limit and batch append: the built ledger server under autocannon,
// the no-op fastify+zod server under the same load (runs alternated with the ledger's), and
// survey batches through the ledger's batch feedback route. Servers run in their own
// processes; autocannon runs in this one, so load generator and server share the cores.

import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, ms, perSec, ratio, type Figure } from '../lib/figures.js';
import { RECEIVED_ON, responseBody } from '../lib/feedback.js';
import type { Profile } from '../lib/profile.js';
import { adminToken, call, issueToken, pool, startLedgerServer, startNoopServer, type RunningServer } from '../lib/servers.js';
import { median, repeat } from '../lib/stats.js';
import { step } from '../lib/progress.js';
import { measureRawInsert } from './storage.js';

export interface HttpMeasurements {
  figures: Figure[];
  /** Median events/s of the batch route, for the storage ratio. */
  batchPerSec: number;
}

export interface Load {
  eventsPerSec: number;
  p50: number;
  p99: number;
}

const ORGANISATION = 'bench-org';

/** The no-op row (bench/noop-server.ts), saying what of the ledger's feedback route it leaves out. */
const NOOP = 'No-op fastify+zod POST: body schema without the optional personal-data fields; no security headers, rate limit, cookie parsing, auth or store';
const NOOP_HAS =
  'it has the route\'s params, headers (Idempotency-Key, If-Match) and 200 response schemas, and its body schema less the optional respondent, personalText and source; ' +
  'it has none of the ledger\'s helmet headers, rate limit, cookie parsing, bearer-token auth, request metrics, no-store hook, Idempotency-Key claim, sealing or store';

/** A fresh ledger with one organisation and `count` open activities; returns the server, an officer token and the activity ids. `env` picks another store (measures/postgres.ts). */
export async function preparedLedger(dataDir: string, count: number, env: Record<string, string> = {}): Promise<{ server: RunningServer; officer: string; activityIds: string[] }> {
  const server = await startLedgerServer(dataDir, env);
  const admin = adminToken(dataDir);
  await call(server.url, admin, 'POST', '/v1/organisations', { organisationId: ORGANISATION, name: 'Bench Borough Council', kind: 'council_service' });
  const officer = await issueToken(server, dataDir, 'officer', ORGANISATION);
  const activityIds = Array.from({ length: count }, (_, i) => `bench-act-${i}`);
  await pool(activityIds, 16, async (activityId) => {
    await call(server.url, officer, 'POST', '/v1/activities', {
      activityId,
      title: `Residents survey ${activityId}`,
      category: 'consultation',
      method: 'survey',
      topics: ['community safety'],
      window: { opens: '2012-09-01', closes: '2012-10-31' },
    });
    await call(server.url, officer, 'POST', `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' });
  });
  return { server, officer, activityIds };
}

/** autocannon: single-response POSTs, each to the next activity in turn, each with its own Idempotency-Key. */
export async function load(url: string, token: string, activityIds: readonly string[], profile: Profile, tag: string): Promise<Load> {
  let n = 0;
  const result: Result = await autocannon({
    url,
    connections: profile.http.connections,
    duration: profile.http.durationSec,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(responseBody(0)),
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            path: `/v1/activities/${activityIds[i % activityIds.length]}/feedback`,
            headers: { ...request.headers, 'idempotency-key': `${tag}-${i}` },
          };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`load on ${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { eventsPerSec: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/** A respondent in clear with no subject id: the server seals it under a new subject's new key, as for a survey of new people. */
function respondent(i: number): { name: string; postcode: string } {
  return { name: `Resident ${i}`, postcode: 'SE1 7PB' };
}

/** Survey batches through POST /v1/activities/:id/feedback { responses: [...] }, a few in flight, each to another activity. */
export async function batches(url: string, token: string, activityIds: readonly string[], profile: Profile, run: number, personal = false): Promise<number> {
  const { batchResponses, batchPosts, batchConcurrency } = profile.http;
  const body = { responses: Array.from({ length: batchResponses }, (_, i) => (personal ? { ...responseBody(i), respondent: respondent(i) } : responseBody(i))) };
  const posts = Array.from({ length: batchPosts }, (_, i) => activityIds[(run * batchPosts + i) % activityIds.length] as string);
  const started = performance.now();
  await pool(posts, batchConcurrency, async (activityId, i) => {
    await call(url, token, 'POST', `/v1/activities/${activityId}/feedback`, body, { 'idempotency-key': `batch-${run}-${i}` });
  });
  return (batchPosts * batchResponses) / ((performance.now() - started) / 1000);
}

/**
 * The batch route alone, each round followed by raw better-sqlite3 inserts of as many rows (the
 * storage ratio's other side), so a slow spell of the shared machine falls on both.
 */
/** CPU time (user + system) a process has used so far, ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's closing parenthesis.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export interface BatchRound {
  batchPerSec: number;
  rawPerSec: number;
  /** The server's CPU time while the POSTs ran (its embedded projections included), ms per 1,000 responses. */
  serverCpuMsPer1000: number;
}

export async function batchesAgainstRaw(profile: Profile, rounds: number, personal = false): Promise<BatchRound[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-batch-'));
  const { server, officer, activityIds } = await preparedLedger(dataDir, profile.http.activities);
  const once = { ...profile, runs: 1 };
  try {
    const results: BatchRound[] = [];
    for (let round = 0; round < rounds; round++) {
      step(`batch append, round ${round + 1}: ${profile.http.batchPosts} POSTs of ${profile.http.batchResponses} responses${personal ? ' with respondents' : ''}, then raw inserts`);
      await settled(server.url, officer);
      const cpuBefore = cpuMs(server.pid);
      const batchPerSec = await batches(server.url, officer, activityIds, profile, round, personal);
      const serverCpuMsPer1000 = ((cpuMs(server.pid) - cpuBefore) * 1000) / (profile.http.batchPosts * profile.http.batchResponses);
      await settled(server.url, officer);
      results.push({ batchPerSec, rawPerSec: await measureRawInsert(once), serverCpuMsPer1000 });
    }
    return results;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Wait until the ledger's projections have caught up, so the no-op's run does not share the cores with them. */
async function settled(url: string, token: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { projections } = (await call(url, token, 'GET', '/v1/projections')) as { projections: { lag: number }[] };
    if (projections.every((p) => p.lag === 0)) return;
    if (Date.now() > deadline) throw new Error(`projections still behind after 2 minutes: ${JSON.stringify(projections)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function measureHttp(profile: Profile): Promise<HttpMeasurements> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  let ledger: RunningServer | undefined;
  let noop: RunningServer | undefined;
  try {
    step(`HTTP: preparing a ledger server with ${profile.http.activities} open activities, and the no-op server`);
    const prepared = await preparedLedger(dataDir, profile.http.activities);
    ledger = prepared.server;
    const ledgerServer = ledger;
    const { officer, activityIds } = prepared;
    noop = await startNoopServer();
    const noopServer = noop;
    // One short warm-up each, so the first run does not measure the JIT.
    const warmUp = { ...profile, http: { ...profile.http, durationSec: 1 } };
    await load(ledgerServer.url, officer, activityIds, warmUp, 'warm');
    await load(noopServer.url, 'none', activityIds, warmUp, 'warm');

    // Alternated, ledger then no-op, run by run: a slower spell of the shared machine falls on both.
    step(`HTTP: API append and no-op alternated, ${profile.runs} x ${profile.http.durationSec} s each, ${profile.http.connections} connections`);
    const api: Load[] = [];
    const limit: Load[] = [];
    for (let run = 0; run < profile.runs; run++) {
      await settled(ledgerServer.url, officer);
      api.push(await load(ledgerServer.url, officer, activityIds, profile, `run${run}`));
      await settled(ledgerServer.url, officer);
      limit.push(await load(noopServer.url, 'none', activityIds, profile, `noop${run}`));
    }
    await noop.stop();
    noop = undefined;

    step(`HTTP: batch append, ${profile.runs} x ${profile.http.batchPosts} POSTs of ${profile.http.batchResponses} responses`);
    await settled(ledgerServer.url, officer);
    const batch = await repeat(profile.runs, (run) => batches(ledgerServer.url, officer, activityIds, profile, run));
    const ledgerRss = await ledger.stop();
    ledger = undefined;

    const apiPerSec = median(api.map((r) => r.eventsPerSec));
    const apiP99 = median(api.map((r) => r.p99));
    const noopPerSec = median(limit.map((r) => r.eventsPerSec));
    const shared = `autocannon (the bench process) and the server share the ${cpus().length} cores`;
    const alternated = `${profile.runs} run${profile.runs === 1 ? '' : 's'} alternated with the no-op's, each after the projections caught up`;
    return {
      batchPerSec: median(batch),
      figures: [
        figure('HTTP', 'API append: single-response POSTs (RecordFeedback, Idempotency-Key)', perSec(apiPerSec), '', null, `${profile.http.connections} connections over ${activityIds.length} activities; ${alternated}; ${shared}; server peak RSS ${Math.round(ledgerRss)} MB`),
        figure('HTTP', 'API append p50 latency', ms(median(api.map((r) => r.p50)))),
        figure('HTTP', 'API append p99 latency', ms(apiP99), '≤ 25 ms', apiP99 <= 25),
        figure('HTTP', NOOP, perSec(noopPerSec), '', null, `p50 ${ms(median(limit.map((r) => r.p50)))}, p99 ${ms(median(limit.map((r) => r.p99)))}; ${NOOP_HAS}; same load, same shared cores, its runs alternated with the API append's`),
        figure('HTTP', 'API append / no-op', ratio(apiPerSec / noopPerSec), '≥ 0.6', apiPerSec / noopPerSec >= 0.6, `each side the median of its own runs; run by run ${api.map((r, i) => ratio(r.eventsPerSec / (limit[i]?.eventsPerSec ?? Number.NaN))).join(', ')}`),
        figure('Storage', `Batch append: POST {responses: [${profile.http.batchResponses}]} through the batch route`, perSec(median(batch)), '', null, `${profile.http.batchPosts} POSTs per run, ${profile.http.batchConcurrency} in flight, each to another activity; received on ${RECEIVED_ON}`),
      ],
    };
  } finally {
    await ledger?.stop();
    await noop?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
