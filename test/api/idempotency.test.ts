// Idempotency-Key through the real HTTP server and the real stores: many requests with one
// key at once, replays of a batch holding personal data, and what a replay answers.

import { describe, expect, it } from 'vitest';
import { ledgerForThisFile } from './harness.js';

const ledger = await ledgerForThisFile({ RATE_LIMIT_PER_MINUTE: '100000' });
const officer = await ledger.tokenFor('officer', 'halton-council');

const survey = { title: 'Bus services survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-28' } };

async function openActivity(): Promise<string> {
  const planned = await ledger.call('POST', '/v1/activities', { token: officer, body: survey });
  expect(planned.status).toBe(201);
  const id = planned.body.createdId as string;
  expect((await ledger.call('POST', `/v1/activities/${id}/open`, { token: officer, body: { openedOn: '2026-01-05' } })).status).toBe(200);
  return id;
}

/** The FeedbackReceived events of an activity, as the log holds them. */
async function feedbackOf(activityId: string) {
  return (await ledger.app.store.readStream(`activity-${activityId}`)).filter((e) => e.type === 'FeedbackReceived');
}

/** Subject keys held, read beside the server (keys.db, or the node's schema). */
async function subjectKeysHeld(): Promise<number> {
  const [row] = await ledger.rows<{ n: number }>('keys', 'SELECT count(*) AS n FROM subject_keys');
  return row?.n ?? 0;
}

/** One request, sent raw so that many can be in flight at once. */
async function post(path: string, body: unknown, key: string) {
  const response = await fetch(ledger.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', body: (await response.json()) as any };
}

describe('one Idempotency-Key, many requests at once', () => {
  it('writes exactly once; every other request replays the first answer or is told the key is in use', async () => {
    const activityId = await openActivity();
    const body = { kind: 'response', receivedOn: '2026-01-10', text: 'Run the 62 bus on Sundays' };

    const answers = await Promise.all(Array.from({ length: 16 }, () => post(`/v1/activities/${activityId}/feedback`, body, 'one-key-many-requests')));

    expect(await feedbackOf(activityId)).toHaveLength(1);
    const written = answers.filter((a) => a.status === 200 && !a.replayed);
    expect(written).toHaveLength(1);
    for (const answer of answers.filter((a) => a !== written[0])) {
      if (answer.status === 200) {
        expect(answer.replayed).toBe(true);
        expect(answer.body).toEqual(written[0]!.body);
      } else {
        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      }
    }
    // Once the write is answered, the key answers every retry with it.
    const after = await post(`/v1/activities/${activityId}/feedback`, body, 'one-key-many-requests');
    expect(after).toMatchObject({ status: 200, replayed: true, body: written[0]!.body });
  });

  it('writes exactly once when the requests create something and leave its id to the server', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => post('/v1/activities', survey, 'one-key-one-activity')));

    const created = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.createdId as string));
    expect(created.size).toBe(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const planned = (await ledger.app.store.readAll()).filter((e) => e.type === 'ActivityPlanned' && (e.data as { activityId: string }).activityId === [...created][0]);
    expect(planned).toHaveLength(1);
  });
});

describe('a replayed request', () => {
  it('seals nothing: a feedback batch with personal data, replayed with its key, mints no new subject keys', async () => {
    const activityId = await openActivity();
    const batch = {
      responses: [
        { kind: 'response', receivedOn: '2026-01-10', text: 'The stop at Mersey Road floods', respondent: { name: 'Jane Doe', postcode: 'WA7 1AB' } },
        { kind: 'response', receivedOn: '2026-01-11', text: 'My neighbour cannot reach the shops', personalText: true },
        { kind: 'response', receivedOn: '2026-01-12', text: 'Keep the late bus', respondent: { name: 'Ravi Patel', contact: 'ravi@example.org' } },
      ],
    };
    const before = await subjectKeysHeld();

    const first = await post(`/v1/activities/${activityId}/feedback`, batch, 'sealed-batch-once');
    const afterFirst = await subjectKeysHeld();
    const replays = [await post(`/v1/activities/${activityId}/feedback`, batch, 'sealed-batch-once'), await post(`/v1/activities/${activityId}/feedback`, batch, 'sealed-batch-once')];

    expect(first.status).toBe(200);
    expect(afterFirst - before).toBe(3);
    expect(await subjectKeysHeld()).toBe(afterFirst);
    for (const replay of replays) expect(replay).toMatchObject({ status: 200, replayed: true, body: { subjects: first.body.subjects } });
    expect(await feedbackOf(activityId)).toHaveLength(3);
  });

  it('points Location at the thing the first request created', async () => {
    const first = await ledger.call('POST', '/v1/activities', { token: officer, body: survey, headers: { 'idempotency-key': 'located-once' } });
    const again = await ledger.call('POST', '/v1/activities', { token: officer, body: survey, headers: { 'idempotency-key': 'located-once' } });

    expect(first.headers.get('location')).toBe(`/v1/activities/${first.body.createdId}`);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('answers a refusal again as it was first answered, and a write the store kept from the store', async () => {
    const activityId = await openActivity();
    const tooEarly = { kind: 'response', receivedOn: '2025-12-01', text: 'Before it opened' };
    const refused = await post(`/v1/activities/${activityId}/feedback`, tooEarly, 'refused-once');
    const refusedAgain = await post(`/v1/activities/${activityId}/feedback`, tooEarly, 'refused-once');
    expect(refused.status).toBe(422);
    expect(refusedAgain).toMatchObject({ status: 422, replayed: true, body: refused.body });

    const accepted = await post(`/v1/activities/${activityId}/feedback`, { ...tooEarly, receivedOn: '2026-01-20' }, 'accepted-once');
    expect(accepted.status).toBe(200);
    // The write's answer is the receipt kept with its events (ledger.db, or the log's schema).
    const [receipt] = await ledger.rows<{ status: number; body: string }>('ledger', "SELECT status, body FROM receipts WHERE key = 'accepted-once'");
    expect({ status: receipt?.status, body: JSON.parse(receipt?.body ?? 'null') }).toEqual({ status: 200, body: accepted.body });
  });
});
