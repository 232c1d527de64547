// Issue 12, finding 1: one far-future date took the server down. An activity the store holds
// with the window 9999-12-01..9999-12-31 (as an older version recorded it), and the probe's
// requests, answered while /health keeps answering; periods stepped through as dates; and
// every period a view is asked for, or finds with a side left open, bounded.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { MAX_PERIOD_YEARS, periodsOverlapping } from '../../src/projections/periods.js';
import { startLedger, type Harness } from '../api/harness.js';
import { plannedActivity } from '../projections/events.js';
import { monotonicFactory } from 'ulid';
import { currentVersion } from '../../src/domain/events/catalogue.js';

describe('periods', () => {
  it('steps through months and quarters as dates: December 9999 is the last, never a year 10000', () => {
    expect(periodsOverlapping('month', { opens: '9999-11-15', closes: '9999-12-31' }).map((p) => [p.label, p.starts, p.ends])).toEqual([
      ['9999-11', '9999-11-01', '9999-11-30'],
      ['9999-12', '9999-12-01', '9999-12-31'],
    ]);
    expect(periodsOverlapping('quarter', { opens: '9999-12-01', closes: '9999-12-31' }).map((p) => p.label)).toEqual(['9999-Q4']);
    expect(periodsOverlapping('month', { opens: '2024-02-10', closes: '2024-02-29' })).toEqual([{ label: '2024-02', starts: '2024-02-01', ends: '2024-02-29' }]);
  });
});

const newId = monotonicFactory();
let ledger: Harness;
let panel: string;

beforeAll(async () => {
  ledger = await startLedger();
  panel = await ledger.tokenFor('scrutiny');
  await loadDemo(ledger.app.ledger, seedDemo);
  // As the store would hold it: written to the log directly, past any rule a command meets today.
  const at = '2026-01-01T00:00:00.000Z';
  const event = plannedActivity('far-future', { areaIds: ['halton'], topics: ['libraries'], window: { opens: '9999-12-01', closes: '9999-12-31' } });
  const { position } = await ledger.app.store.append('activity-far-future', [
    {
      id: newId(),
      type: event.type,
      version: currentVersion(event.type),
      data: event.data,
      metadata: { actor: 'older-version', organisation: 'halton-borough-council', recordedAt: at, occurredAt: at, correlationId: 'planted', causationId: null },
    },
  ]);
  ledger.app.runner?.poke();
  expect(await ledger.app.read.waitFor(position, 20_000)).toBe(true);
}, 60_000);
afterAll(() => ledger?.close());

/** GETs /health every 100 ms until `done` settles; how long each took. */
async function healthWhile(done: Promise<unknown>): Promise<number[]> {
  const timings: number[] = [];
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const started = performance.now();
    const reply = await fetch(`${ledger.url}/health`);
    expect(reply.status).toBe(200);
    timings.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return timings;
}

describe('a far-future activity in the log', () => {
  it('answers the probe’s requests, bounded, while /health answers within a second', async () => {
    const get = (path: string, accept = 'application/json') =>
      fetch(`${ledger.url}${path}`, { headers: { authorization: `Bearer ${panel}`, accept } }).then(async (r) => ({ path, status: r.status, text: await r.text() }));
    const probes = Promise.all([
      get('/v1/calendar'),
      get('/v1/duplication/load'),
      get('/v1/duplication/load?to=9999-12-31'),
      get('/pages/duplication', 'text/html'),
      get('/v1/calendar?format=csv'),
    ]);
    const health = await healthWhile(probes);
    const [calendar, load, loadTo9999, page, csv] = await probes;

    expect(health.length).toBeGreaterThan(0);
    expect(Math.max(...health)).toBeLessThan(1_000);

    expect(calendar.status).toBe(200);
    const rows = (JSON.parse(calendar.text) as { rows: { activityId: string; period: string }[] }).rows;
    expect(rows.filter((r) => r.activityId === 'far-future').map((r) => r.period)).toEqual(['9999-12']);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('"9999-12","9999-12-01","9999-12-31","far-future"');

    // The demo's activities open in 2006: with a side left open, the period found runs to 9999.
    expect(load.status).toBe(400);
    const { error } = JSON.parse(load.text) as { error: { code: string; message: string; details: { maxYears: number } } };
    expect(error.code).toBe('PERIOD_TOO_LONG');
    expect(error.details.maxYears).toBe(MAX_PERIOD_YEARS);
    expect(error.message).toContain(`${MAX_PERIOD_YEARS} years`);
    // A date past the ledger's range (DATE_MAX, 2100-12-31 by default) is refused at the door, naming the field.
    expect(loadTo9999.status).toBe(400);
    expect(JSON.parse(loadTo9999.text)).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'querystring.to' }] } } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`longer than ${MAX_PERIOD_YEARS} years`);
  });

  it('refuses to be asked for the far-future activity’s own quarter, outside the ledger’s date range, naming both fields', async () => {
    const reply = await ledger.call('GET', '/v1/duplication/load?area=halton&from=9999-10-01&to=9999-12-31', { token: panel });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['querystring.from', 'querystring.to']);
  });

  it('shows the far-future activity’s quarter when the ledger’s date range reaches it (DATE_MAX)', async () => {
    const wide = await startLedger({ DATE_MAX: '9999-12-31' });
    try {
      const token = await wide.tokenFor('scrutiny');
      const at = '2026-01-01T00:00:00.000Z';
      const event = plannedActivity('far-future', { areaIds: ['halton'], topics: ['libraries'], window: { opens: '9999-12-01', closes: '9999-12-31' } });
      const { position } = await wide.app.store.append('activity-far-future', [
        { id: newId(), type: event.type, version: currentVersion(event.type), data: event.data, metadata: { actor: 'older-version', organisation: 'halton-borough-council', recordedAt: at, occurredAt: at, correlationId: 'planted', causationId: null } },
      ]);
      wide.app.runner?.poke();
      expect(await wide.app.read.waitFor(position, 20_000)).toBe(true);
      const reply = await wide.call('GET', '/v1/duplication/load?area=halton&from=9999-10-01&to=9999-12-31', { token });
      expect(reply.status).toBe(200);
      expect(reply.body.rows).toEqual([expect.objectContaining({ quarter: '9999-Q4', targetId: 'halton', activities: 1, activityIds: ['far-future'] })]);
    } finally {
      await wide.close();
    }
  });
});

describe('every read-model route is bounded', () => {
  it(`refuses a period longer than ${MAX_PERIOD_YEARS} years with 400 PERIOD_TOO_LONG naming the most, on every view with a period`, async () => {
    const paths = ['/v1/calendar', '/v1/duplication/load', '/v1/duplication/clusters', '/v1/influence/decisions', '/v1/influence/activities', '/v1/feedback-loop', '/v1/lawful-consultation'];
    for (const path of paths) {
      const reply = await ledger.call('GET', `${path}?from=1950-01-01&to=2013-12-31`, { token: panel });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error, path).toMatchObject({ code: 'PERIOD_TOO_LONG', details: { maxYears: MAX_PERIOD_YEARS } });
    }
    const years = await ledger.call('GET', '/v1/influence/organisations?from=1950&to=2013', { token: panel });
    expect(years.body.error).toMatchObject({ code: 'PERIOD_TOO_LONG' });
    const fifty = await ledger.call('GET', `/v1/calendar?from=1964-01-01&to=2013-12-31`, { token: panel });
    expect(fifty.status).toBe(200);
  });

  it('answers every list in pages: the default page is 100 rows at most, the largest 1,000', async () => {
    const first = await ledger.call('GET', '/v1/duplication/load?from=2000-01-01&to=2013-12-31', { token: panel });
    expect(first.status).toBe(200);
    expect(first.body.rows).toHaveLength(100);
    expect(first.body.next).toEqual(expect.any(String));
    const largest = await ledger.call('GET', '/v1/duplication/load?from=2000-01-01&to=2013-12-31&limit=1000', { token: panel });
    expect(largest.body.rows.length).toBeGreaterThan(100);
    expect(largest.body.rows.slice(0, 100)).toEqual(first.body.rows);
  });
});
