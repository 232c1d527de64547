// API append, the HTTP limit and batch append: the built ledger server under autocannon,
// the no-op fastify+zod server under the same load, and survey batches through the
// ledger's batch feedback route. Servers run in their own processes; autocannon runs in
// this one, so load generator and server share the machine's cores.

import autocannon, { type Result } from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, ms, perSec, ratio, type Figure } from '../lib/figures.js';
import { RECEIVED_ON, responseBody } from '../lib/feedback.js';
import type { Profile } from '../lib/profile.js';
import { adminToken, call, issueToken, pool, startLedgerServer, startNoopServer, type RunningServer } from '../lib/servers.js';
import { median, repeat } from '../lib/stats.js';
import { step } from '../lib/progress.js';

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

/** Survey batches through POST /v1/activities/:id/feedback { responses: [...] }, a few in flight, each to another activity. */
export async function batches(url: string, token: string, activityIds: readonly string[], profile: Profile, run: number): Promise<number> {
  const { batchResponses, batchPosts, batchConcurrency } = profile.http;
  const body = { responses: Array.from({ length: batchResponses }, (_, i) => responseBody(i)) };
  const posts = Array.from({ length: batchPosts }, (_, i) => activityIds[(run * batchPosts + i) % activityIds.length] as string);
  const started = performance.now();
  await pool(posts, batchConcurrency, async (activityId, i) => {
    await call(url, token, 'POST', `/v1/activities/${activityId}/feedback`, body, { 'idempotency-key': `batch-${run}-${i}` });
  });
  return (batchPosts * batchResponses) / ((performance.now() - started) / 1000);
}

export async function measureHttp(profile: Profile): Promise<HttpMeasurements> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  let ledger: RunningServer | undefined;
  let noop: RunningServer | undefined;
  try {
    step(`HTTP: preparing a ledger server with ${profile.http.activities} open activities`);
    const prepared = await preparedLedger(dataDir, profile.http.activities);
    ledger = prepared.server;
    const { officer, activityIds } = prepared;
    // One short warm-up, so the first run does not measure the JIT.
    await load(ledger.url, officer, activityIds, { ...profile, http: { ...profile.http, durationSec: 1 } }, 'warm');

    step(`HTTP: API append, ${profile.runs} x ${profile.http.durationSec} s, ${profile.http.connections} connections`);
    const api = await repeat(profile.runs, (run) => load((ledger as RunningServer).url, officer, activityIds, profile, `run${run}`));

    step(`HTTP: batch append, ${profile.runs} x ${profile.http.batchPosts} POSTs of ${profile.http.batchResponses} responses`);
    const batch = await repeat(profile.runs, (run) => batches((ledger as RunningServer).url, officer, activityIds, profile, run));
    const ledgerRss = await ledger.stop();
    ledger = undefined;

    step(`HTTP: no-op fastify+zod server, ${profile.runs} x ${profile.http.durationSec} s`);
    noop = await startNoopServer();
    const noopServer = noop;
    await load(noopServer.url, 'none', activityIds, { ...profile, http: { ...profile.http, durationSec: 1 } }, 'warm');
    const limit = await repeat(profile.runs, (run) => load(noopServer.url, 'none', activityIds, profile, `noop${run}`));

    const apiPerSec = median(api.map((r) => r.eventsPerSec));
    const apiP99 = median(api.map((r) => r.p99));
    const noopPerSec = median(limit.map((r) => r.eventsPerSec));
    const shared = `autocannon (the bench process) and the server share the ${cpus().length} cores`;
    return {
      batchPerSec: median(batch),
      figures: [
        figure('HTTP', 'API append: single-response POSTs (RecordFeedback, Idempotency-Key)', perSec(apiPerSec), '', null, `${profile.http.connections} connections over ${activityIds.length} activities; ${shared}; server peak RSS ${Math.round(ledgerRss)} MB`),
        figure('HTTP', 'API append p50 latency', ms(median(api.map((r) => r.p50)))),
        figure('HTTP', 'API append p99 latency', ms(apiP99), '≤ 25 ms', apiP99 <= 25),
        figure('HTTP', 'No-op fastify+zod POST (same body schema, no auth, no store)', perSec(noopPerSec), '', null, `p50 ${ms(median(limit.map((r) => r.p50)))}, p99 ${ms(median(limit.map((r) => r.p99)))}; same load, same shared cores`),
        figure('HTTP', 'API append / no-op', ratio(apiPerSec / noopPerSec), '≥ 0.6', apiPerSec / noopPerSec >= 0.6),
        figure('Storage', `Batch append: POST {responses: [${profile.http.batchResponses}]} through the batch route`, perSec(median(batch)), '', null, `${profile.http.batchPosts} POSTs per run, ${profile.http.batchConcurrency} in flight, each to another activity; received on ${RECEIVED_ON}`),
      ],
    };
  } finally {
    await ledger?.stop();
    await noop?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
