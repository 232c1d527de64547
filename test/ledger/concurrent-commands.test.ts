// Many commands on one stream at once, in one process, as a busy survey receives them:
// none is refused for a conflict it never caused, and each is decided on the state the
// ones before it left.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activity } from '../../src/domain/aggregates/activity.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { officer } from '../domain/given.js';
import { response, workshop } from '../domain/fixtures.js';

const redcar = officer('redcar-council', 'jo@redcar');
// No area and no partner: this test is about turns on one stream, not the references an activity names.
const { organisationId: _o, ...planData } = { ...workshop(), areaIds: [], jointPartnerIds: [] };

let dir: string;
let store: SqliteEventStore;
let handler: CommandHandler;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-concurrent-'));
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  handler = new CommandHandler({ store });
  await handler.handle(activity, { type: 'PlanActivity', data: planData }, { actor: redcar });
  await handler.handle(activity, { type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } }, { actor: redcar });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const recordFeedback = (feedbackId: string, expectedRevision?: number) =>
  handler.handle(activity, { type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [response(feedbackId)] } }, { actor: redcar, expectedRevision });

describe('concurrent commands on one stream', () => {
  it('records every one of many un-pinned commands sent at once, none refused with a revision conflict', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `response-${i}`);

    const outcomes = await Promise.allSettled(ids.map((id) => recordFeedback(id)));

    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const stream = await store.readStream('activity-redcar-workshop-1');
    expect(stream.filter((e) => e.type === 'FeedbackReceived').map((e) => (e.data as { feedbackId: string }).feedbackId).sort()).toEqual([...ids].sort());
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
  });

  it('decides again when another handler (another process, another node) appended between its read and its append', async () => {
    const other = new CommandHandler({ store });
    const onOther = (feedbackId: string) =>
      other.handle(activity, { type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [response(feedbackId)] } }, { actor: redcar });

    // Each pair reads the same revision and appends in one commit: one wins, the other must decide again.
    const outcomes = await Promise.allSettled([recordFeedback('here-1'), onOther('there-1'), recordFeedback('here-2'), onOther('there-2')]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await store.readStream('activity-redcar-workshop-1')).toHaveLength(6);
  });

  it('still refuses a command pinned to a revision another command moved past', async () => {
    const [first, second] = await Promise.allSettled([recordFeedback('pinned-a', 1), recordFeedback('pinned-b', 1)]);

    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'WRONG_EXPECTED_REVISION', expected: 1, actual: 2 } });
  });

});
