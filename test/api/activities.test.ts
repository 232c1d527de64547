import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Harness } from './harness.js';

let ledger: Harness;
let officer: string;

beforeAll(async () => {
  ledger = await startLedger();
  officer = await ledger.tokenFor('officer', 'halton-council');
});
afterAll(() => ledger.close());

const survey = {
  title: 'Residents survey 2012',
  category: 'consultation',
  method: 'survey',
  topics: ['community safety'],
  window: { opens: '2012-09-01', closes: '2012-10-31' },
};

describe('activities over HTTP', () => {
  it('plans, opens and reads back an activity, with the organisation from the credential', async () => {
    const planned = await ledger.call('POST', '/v1/activities', { token: officer, body: survey });
    expect(planned.status).toBe(201);
    const id = planned.body.createdId as string;
    expect(planned.headers.get('location')).toBe(`/v1/activities/${id}`);
    expect(planned.body).toMatchObject({ id, revision: 0, events: [{ type: 'ActivityPlanned', version: 4 }] });

    const opened = await ledger.call('POST', `/v1/activities/${id}/open`, { token: officer, body: { openedOn: '2012-09-01' } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('etag')).toBe('"1"');

    const read = await ledger.call('GET', `/v1/activities/${id}`, { token: officer });
    expect(read.status).toBe(200);
    expect(read.body.state).toMatchObject({ status: 'open', openedOn: '2012-09-01', planned: { organisationId: 'halton-council', title: survey.title } });

    const history = await ledger.call('GET', `/v1/activities/${id}/events`, { token: officer });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ActivityPlanned', 'ActivityOpened']);
    expect(history.body.events[0]).toMatchObject({ organisation: 'halton-council', revision: 0 });
    expect(history.body.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records a batch of survey responses all or nothing', async () => {
    const { body } = await ledger.call('POST', '/v1/activities', { token: officer, body: survey });
    const id = body.createdId as string;
    await ledger.call('POST', `/v1/activities/${id}/open`, { token: officer, body: { openedOn: '2012-09-01' } });
    const response = (n: number) => ({ kind: 'response', receivedOn: '2012-09-10', text: `Answer ${n}` });

    const refused = await ledger.call('POST', `/v1/activities/${id}/feedback`, {
      token: officer,
      body: { responses: [response(1), { ...response(2), receivedOn: '2012-08-01' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ACTIVITY_NOT_OPENED');

    const batch = await ledger.call('POST', `/v1/activities/${id}/feedback`, { token: officer, body: { responses: [1, 2, 3].map(response) } });
    expect(batch.status).toBe(200);
    expect(batch.body.events).toHaveLength(3);
    const single = await ledger.call('POST', `/v1/activities/${id}/feedback`, { token: officer, body: response(4) });
    expect(single.body.events).toHaveLength(1);
    const read = await ledger.call('GET', `/v1/activities/${id}`, { token: officer });
    expect(read.body.state.feedback).toEqual({ received: 4, redacted: 0 });
  });

  it('answers a retried POST with the same Idempotency-Key with the first response, writing one event', async () => {
    const headers = { 'idempotency-key': 'plan-survey-once' };
    const first = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, activityId: 'once' }, headers });
    const again = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, activityId: 'once' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const history = await ledger.call('GET', '/v1/activities/once/events', { token: officer });
    expect(history.body.events).toHaveLength(1);

    const other = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, activityId: 'twice' }, headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a stale If-Match with 409 and the current revision', async () => {
    const { body } = await ledger.call('POST', '/v1/activities', { token: officer, body: survey });
    const stale = await ledger.call('POST', `/v1/activities/${body.createdId}/open`, {
      token: officer,
      body: { openedOn: '2012-09-01' },
      headers: { 'if-match': '"3"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'REVISION_CONFLICT', details: { currentRevision: 0 } });
  });

  it('refuses an activity naming an area, community, joint partner or plan the ledger does not know: 422 with the field and the ids', async () => {
    const admin = ledger.adminToken;
    expect((await ledger.call('POST', '/v1/areas', { token: admin, body: { areaId: 'widnes', name: 'Widnes', kind: 'locality' } })).status).toBe(201);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ areaIds: ['widnes', 'runcorn'] }, 'UNKNOWN_AREA', 'areaIds'],
      [{ communityIds: ['tenants'] }, 'UNKNOWN_COMMUNITY_OF_INTEREST', 'communityIds'],
      [{ jointPartnerIds: ['cheshire-police'] }, 'UNKNOWN_ORGANISATION', 'jointPartnerIds'],
      [{ planId: 'no-such-plan' }, 'UNKNOWN_PLAN', 'planId'],
    ];
    for (const [naming, code, field] of cases) {
      const reply = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, ...naming } });
      expect(reply.status, JSON.stringify(reply.body)).toBe(422);
      expect(reply.body.error).toMatchObject({ code, details: { field } });
    }
    const known = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, areaIds: ['widnes'] } });
    expect(known.status).toBe(201);
  });

  it('names the field path of a malformed body', async () => {
    const bad = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, category: 'shouting', window: { opens: 'soon' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.category', 'body.window.opens', 'body.window.closes']));
  });

  it('answers 401 without a token, 403 for a role that may not write, 404 for an unknown activity', async () => {
    expect((await ledger.call('POST', '/v1/activities', { body: survey })).status).toBe(401);
    const auditor = await ledger.tokenFor('auditor');
    const forbidden = await ledger.call('POST', '/v1/activities', { token: auditor, body: survey });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('ROLE_NOT_ALLOWED');
    const missing = await ledger.call('GET', '/v1/activities/nowhere', { token: auditor });
    expect(missing.status).toBe(404);
  });

  it('answers 415 for a body that is not JSON and 413 for one over the limit', async () => {
    const text = await ledger.call('POST', '/v1/activities', { token: officer, body: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await ledger.call('POST', '/v1/activities', { token: officer, body: { ...survey, description: 'x'.repeat(9 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
  });

  it('serves the OpenAPI document and the docs without a token', async () => {
    const doc = await ledger.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/activities', '/v1/activities/{activityId}/feedback']));
    const docs = await ledger.call('GET', '/docs/');
    expect(docs.status).toBe(200);
  });
});
