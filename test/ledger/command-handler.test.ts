import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activity } from '../../src/domain/aggregates/activity.js';
import { decision } from '../../src/domain/aggregates/decision.js';
import { DomainError } from '../../src/domain/errors.js';
import { CommandHandler, toLedgerEvent } from '../../src/ledger/command-handler.js';
import { WrongExpectedRevision } from '../../src/store/errors.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { officer } from '../domain/given.js';
import { workshop } from '../domain/fixtures.js';

const redcar = officer('redcar-council', 'jo@redcar');
// Without the area and partner it names: those are not registered in these tests' ledgers.
const { organisationId: _o, ...planData } = { ...workshop(), areaIds: [], jointPartnerIds: [] };

let dir: string;
let store: SqliteEventStore;
let handler: CommandHandler;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-handler-'));
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  handler = new CommandHandler({ store, now: () => new Date('2026-11-23T10:00:00Z') });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const plan = () => handler.handle(activity, { type: 'PlanActivity', data: planData }, { actor: redcar, occurredAt: '2007-01-10T09:00:00Z' });
const open = (openedOn: string, expectedRevision?: number) =>
  handler.handle(activity, { type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn } }, { actor: redcar, expectedRevision });
const recordDecision = () =>
  handler.handle(
    decision,
    {
      type: 'RecordDecision',
      data: { decisionId: 'board-1', body: 'Partnership Board', decidedOn: '2007-05-25', title: 'Capacity Building Plan', outcome: 'Endorsed', outcomeKind: 'approved' },
    },
    { actor: redcar },
  );
const linkWorkshop = () =>
  handler.handle(
    decision,
    {
      type: 'LinkInfluence',
      data: { decisionId: 'board-1', linkId: 'l1', source: { kind: 'activity', activityId: 'redcar-workshop-1' }, influence: 'changed', rationale: 'Fed the plan' },
    },
    { actor: redcar },
  );

describe('the command handler', () => {
  it('appends what the domain decided, with actor and organisation from the credential', async () => {
    const result = await plan();
    expect(result).toMatchObject({ streamId: 'activity-redcar-workshop-1', revision: 0, position: 1 });
    const [stored] = await store.readStream('activity-redcar-workshop-1');
    expect(stored?.metadata).toMatchObject({
      actor: 'jo@redcar',
      organisation: 'redcar-council',
      recordedAt: '2026-11-23T10:00:00.000Z',
      occurredAt: '2007-01-10T09:00:00Z',
      causationId: null,
    });
    expect(toLedgerEvent(stored!)).toEqual({ type: 'ActivityPlanned', data: { ...planData, organisationId: 'redcar-council' } });
  });

  it('checks a cross-stream rule by reading the cited activity from the store', async () => {
    await plan();
    await recordDecision();
    await expect(linkWorkshop()).rejects.toMatchObject({ code: 'INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION' });
    await open('2007-02-01');
    await expect(linkWorkshop()).resolves.toMatchObject({ streamId: 'decision-board-1', revision: 1 });
  });

  it('refuses a stale If-Match revision with the current one, and writes nothing', async () => {
    await plan();
    const error = await open('2007-02-01', 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect((error as WrongExpectedRevision).actual).toBe(0);
    expect(await store.readStream('activity-redcar-workshop-1')).toHaveLength(1);
  });

  it('decides again when another writer got in first, so both concurrent commands are judged on the latest state', async () => {
    await plan();
    const outcomes = await Promise.allSettled([open('2007-02-01'), open('2007-02-02')]);
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(DomainError);
    expect((rejected[0]?.reason as DomainError).code).toBe('ACTIVITY_ALREADY_OPEN');
    expect(await store.readStream('activity-redcar-workshop-1')).toHaveLength(2);
  });

  it('decides on events another writer appended after this handler last read the stream', async () => {
    await plan();
    // A second handler on the same store (another process, another node) opens the activity.
    const other = new CommandHandler({ store });
    await other.handle(activity, { type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } }, { actor: redcar });
    // This handler kept the planned state; it must still see the activity as open, at revision 1.
    await expect(open('2007-02-02')).rejects.toMatchObject({ code: 'ACTIVITY_ALREADY_OPEN' });
    await expect(open('2007-02-02', 0)).rejects.toBeInstanceOf(WrongExpectedRevision);
    const feedback = await handler.handle(
      activity,
      { type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [{ feedbackId: 'f1', kind: 'response', receivedOn: '2007-02-03', text: 'More buses', respondents: 1, communityIds: [] }] } },
      { actor: redcar, expectedRevision: 1 },
    );
    expect(feedback).toMatchObject({ revision: 2 });
  });

  it('writes nothing when the domain refuses', async () => {
    await expect(open('2007-02-01')).rejects.toMatchObject({ code: 'ACTIVITY_NOT_FOUND' });
    expect(await store.readAll()).toHaveLength(0);
  });
});
