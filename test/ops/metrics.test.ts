// /metrics: scraped as Prometheus would, parsed by a real parser of the text format, after a
// session that exercises what it counts: HTTP requests by route pattern, appends, group
// commits, an idempotent replay, a revision conflict, projections, a verify and a checkpoint.

import parsePrometheusTextFormat, { type Family, type Sample } from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../src/projections/registry.js';
import { ledgerForThisFile, startLedger } from '../api/harness.js';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from '../workers/redis.js';

const ledger = await ledgerForThisFile();
const metricsToken = await ledger.tokenFor('metrics');

async function scrape(url = `${ledger.url}/metrics`, token: string | undefined = metricsToken): Promise<Map<string, Family>> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return new Map(parsePrometheusTextFormat(await response.text()).map((family) => [family.name, family]));
}

function sample(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): Sample | undefined {
  return families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
}
const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number => Number(sample(families, name, labels)?.value ?? NaN);

describe('the Prometheus metrics', () => {
  it('are refused without a token and to a role other than metrics or admin', async () => {
    expect((await ledger.call('GET', '/metrics')).status).toBe(401);
    expect((await ledger.call('GET', '/metrics', { token: await ledger.tokenFor('scrutiny') })).body.error.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('count what a session did, by route pattern, and describe every projection, verify and checkpoint', async () => {
    const officer = await ledger.tokenFor('officer', 'halton-council');
    const planned = await ledger.call('POST', '/v1/activities', {
      token: officer,
      body: { title: 'Bus services survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-28' } },
    });
    const activityId = planned.body.createdId as string;
    expect((await ledger.call('POST', `/v1/activities/${activityId}/open`, { token: officer, body: { openedOn: '2026-01-05' } })).status).toBe(200);
    const feedback = { kind: 'comment', receivedOn: '2026-01-10', text: 'More buses on Sundays, please.' };
    const headers = { 'idempotency-key': 'metrics-test-feedback' };
    expect((await ledger.call('POST', `/v1/activities/${activityId}/feedback`, { token: officer, body: feedback, headers })).status).toBe(200);
    const replay = await ledger.call('POST', `/v1/activities/${activityId}/feedback`, { token: officer, body: feedback, headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const stale = await ledger.call('POST', `/v1/activities/${activityId}/close`, { token: officer, body: { closedOn: '2026-02-28' }, headers: { 'if-match': '"0"' } });
    expect(stale.body.error.code).toBe('REVISION_CONFLICT');
    await ledger.app.runner?.catchUp();
    expect((await ledger.call('GET', '/v1/integrity', { token: ledger.adminToken })).body.ok).toBe(true);
    expect((await ledger.call('POST', '/v1/integrity/checkpoints', { token: ledger.adminToken })).status).toBe(201);
    const head = await ledger.app.store.headPosition();

    const families = await scrape();
    // HTTP: by the route's pattern, never the URL with its ids.
    expect(value(families, 'ledger_http_requests_total', { method: 'POST', route: '/v1/activities/:activityId/open', status: '200' })).toBe(1);
    expect(value(families, 'ledger_http_requests_total', { method: 'POST', route: '/v1/activities/:activityId/close', status: '409' })).toBe(1);
    const routeLabels = families.get('ledger_http_requests_total')?.metrics.map((m) => m.labels?.route ?? '') ?? [];
    expect(routeLabels.filter((route) => route.includes(activityId))).toEqual([]);
    // parse-prometheus-text-format folds a labelled histogram into one sample (its known limit), so
    // the latency histogram's series are read back from prom-client's registry, whose text the parser read.
    expect(families.get('ledger_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    const latency = await ledger.app.metrics.registry.getSingleMetric('ledger_http_request_duration_seconds')?.get();
    const created = (latency?.values as Array<{ metricName?: string; labels: Record<string, unknown>; value: number }> | undefined)?.find((v) => v.metricName?.endsWith('_count') && v.labels.route === '/v1/activities' && v.labels.status === '201');
    expect(created?.value).toBe(1);
    // The store and its group commit.
    expect(value(families, 'ledger_appends_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(value(families, 'ledger_events_appended_total')).toBe(head);
    expect(Number(sample(families, 'ledger_append_duration_seconds')?.count)).toBeGreaterThanOrEqual(3);
    expect(Number(sample(families, 'ledger_group_commit_appends')?.count)).toBeGreaterThanOrEqual(1);
    // Idempotency and conflicts.
    expect(value(families, 'ledger_idempotent_replays_total')).toBe(1);
    expect(value(families, 'ledger_conflicts_total', { code: 'REVISION_CONFLICT' })).toBe(1);
    // Every projection: position, lag, parked; batches applied.
    for (const projection of allProjections) {
      expect(value(families, 'ledger_projection_position', { projection: projection.name }), projection.name).toBe(head);
      expect(value(families, 'ledger_projection_lag', { projection: projection.name })).toBe(0);
      expect(value(families, 'ledger_projection_parked', { projection: projection.name })).toBe(0);
    }
    const batches = families.get('ledger_projection_batches_total')?.metrics.reduce((sum, m) => sum + Number(m.value), 0) ?? 0;
    expect(batches).toBeGreaterThan(0);
    // Verify and checkpoint.
    expect(value(families, 'ledger_verify_runs_total', { result: 'ok' })).toBe(1);
    expect(value(families, 'ledger_verify_last_ok')).toBe(1);
    expect(value(families, 'ledger_checkpoints_total', { result: 'signed' })).toBe(1);
    expect(value(families, 'ledger_checkpoint_position')).toBe(head);
    // The process.
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(families.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('show a parked projection as parked', async () => {
    await ledger.app.runner?.readSide().readModels.setStatus('activities', 'parked', 'a reducer threw (test)');
    expect(value(await scrape(), 'ledger_projection_parked', { projection: 'activities' })).toBe(1);
    await ledger.app.runner?.readSide().readModels.setStatus('activities', 'running', null);
  });
});

describe('metrics on a listener of their own (METRICS_PORT)', () => {
  it('serves /metrics there without a token, and not on the API', async () => {
    const separate = await startLedger({ METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
    afterAll(() => separate.close());
    expect(separate.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await scrape(`${separate.app.metricsUrl}/metrics`, undefined)).has('ledger_http_requests_total')).toBe(true);
    expect((await fetch(`${separate.app.metricsUrl}/v1/events`)).status).toBe(404);
    expect((await separate.call('GET', '/metrics', { token: separate.adminToken })).status).toBe(404);
  });
});

describeWithRedis('metrics when BullMQ workers keep the read models', () => {
  it('give each projection queue’s depth by state', async () => {
    const prefix = testPrefix();
    const onWorkers = await startLedger({ PROJECTIONS: 'workers', REDIS_URL: redisUrl, REDIS_PREFIX: prefix });
    try {
      const families = await scrape(`${onWorkers.url}/metrics`, await onWorkers.tokenFor('metrics'));
      for (const projection of allProjections) {
        expect(value(families, 'ledger_queue_jobs', { queue: `projection-${projection.name}`, state: 'waiting' }), projection.name).toBe(0);
      }
    } finally {
      await onWorkers.close();
      await cleanUp(prefix);
    }
  });
});
