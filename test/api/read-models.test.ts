import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seeds.js';
import { loadDemo } from '../../src/demo/load.js';
import { startLedger, type Harness } from './harness.js';

let ledger: Harness;
let panel: string;
let head: number;

beforeAll(async () => {
  ledger = await startLedger();
  panel = await ledger.tokenFor('scrutiny');
  await loadDemo(ledger.app.ledger, seedDemo);
  head = await ledger.app.store.headPosition();
});
afterAll(() => ledger.close());

describe('read models over HTTP, on the demo ledger', () => {
  it('shows the Redcar & Cleveland Partnership Board decision of 25 May 2007 resting on the four workshops', async () => {
    const reply = await ledger.call('GET', `/v1/influence/decisions?decision=rc-partnership-board-2007-05-25&after=${head}`, { token: panel });
    expect(reply.status).toBe(200);
    expect(reply.body.caughtUp).toBe(true);
    expect(reply.body.position).toBeGreaterThanOrEqual(head);
    const [decision] = reply.body.rows;
    expect(decision.links.map((l: { activityId: string }) => l.activityId)).toEqual([
      'rc-anchor-workshop-1',
      'rc-providers-workshop',
      'rc-anchor-workshop-2',
      'rc-joint-workshop',
    ]);
  });

  it('answers CSV for Accept: text/csv and ?format=csv', async () => {
    const requests: { path: string; headers: Record<string, string> }[] = [
      { path: '/v1/feedback-loop', headers: { accept: 'text/csv' } },
      { path: '/v1/feedback-loop?format=csv', headers: {} },
    ];
    for (const request of requests) {
      const response = await fetch(ledger.url + request.path, { headers: { authorization: `Bearer ${panel}`, ...request.headers } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...lines] = (await response.text()).trim().split('\n');
      expect(header).toMatch(/activityId/);
      expect(lines.some((line) => line.startsWith('"rc-anchor-workshop-1",'))).toBe(true);
    }
  });

  it('lets an officer read their own write with ?after=POSITION', async () => {
    const officer = await ledger.tokenFor('officer', 'halton-borough-council');
    const planned = await ledger.call('POST', '/v1/activities', {
      token: officer,
      body: { title: 'Residents survey 2013', category: 'consultation', method: 'survey', window: { opens: '2013-09-01', closes: '2013-10-31' } },
    });
    const reply = await ledger.call('GET', `/v1/calendar?after=${planned.body.position}&text=residents survey 2013`, { token: officer });
    expect(reply.body.caughtUp).toBe(true);
    expect(reply.body.rows.map((r: { activityId: string }) => r.activityId)).toContain(planned.body.createdId);
  });

  it('reports each projection’s position, lag and status', async () => {
    const reply = await ledger.call('GET', `/v1/projections`, { token: panel });
    expect(reply.status).toBe(200);
    for (const projection of reply.body.projections) expect(projection).toMatchObject({ status: 'running', lag: 0, lastError: null });
    expect(reply.body.projections.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['activities', 'decisions', 'health-check-submissions']));
  });

  it('refuses a malformed filter with 400 and the field path', async () => {
    const reply = await ledger.call('GET', '/v1/influence/decisions?from=last-week', { token: panel });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.issues[0].path).toBe('querystring.from');
  });

  it('answers pages of `limit` rows with the cursor to the next, every action once', async () => {
    const ids: string[] = [];
    let path = '/v1/action-plans/tracker?limit=20';
    for (;;) {
      const reply = await ledger.call('GET', path, { token: panel });
      expect(reply.status).toBe(200);
      expect(reply.body.rows.length).toBeLessThanOrEqual(20);
      ids.push(...reply.body.rows.map((r: { actionId: string }) => r.actionId));
      if (reply.body.next === null) break;
      path = `/v1/action-plans/tracker?limit=20&cursor=${encodeURIComponent(reply.body.next)}`;
    }
    expect(ids.length).toBeGreaterThan(40);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('streams CSV of every page, whatever the page size', async () => {
    const response = await fetch(`${ledger.url}/v1/action-plans/tracker?format=csv&limit=7`, { headers: { authorization: `Bearer ${panel}` } });
    expect(response.status).toBe(200);
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header?.startsWith('"planId",')).toBe(true);
    const all = await ledger.call('GET', '/v1/action-plans/tracker?limit=1000', { token: panel });
    expect(lines).toHaveLength(all.body.rows.length);
  });

  it('refuses a cursor altered by hand with 400 CURSOR_INVALID, and a limit over the most with 400', async () => {
    const first = await ledger.call('GET', '/v1/action-plans/tracker?limit=5', { token: panel });
    const forged = `${String(first.body.next).slice(0, -3)}AAA`;
    const reply = await ledger.call('GET', `/v1/action-plans/tracker?limit=5&cursor=${encodeURIComponent(forged)}`, { token: panel });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'CURSOR_INVALID', details: { issues: [{ path: 'querystring.cursor' }] } });
    const tooMany = await ledger.call('GET', '/v1/action-plans/tracker?limit=1001', { token: panel });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.issues[0].path).toBe('querystring.limit');
  });
});
