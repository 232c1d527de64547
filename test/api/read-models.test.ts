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
    expect(reply.body.projections.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['engagement', 'health-check']));
  });

  it('refuses a malformed filter with 400 and the field path', async () => {
    const reply = await ledger.call('GET', '/v1/influence/decisions?from=last-week', { token: panel });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.issues[0].path).toBe('querystring.from');
  });
});
