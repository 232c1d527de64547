// Several commands for one record as one: a decision with its influence links is decided whole
// before anything is appended, and appended in one go; a command can be decided without being
// recorded (the workbench's check before a decision it records with feedback to participants).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { DomainError } from '../../src/domain/errors.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { InvalidCommand, Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';

const officer: Actor = { id: 'officer-1', role: 'officer', organisationId: 'halton-council' };

let dir: string;
let store: SqliteEventStore;
let ledger: Ledger;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-all-'));
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  ledger = new Ledger(new CommandHandler({ store }));
  const window = { opens: '2026-01-05', closes: '2026-02-27' };
  await ledger.execute({ type: 'PlanActivity', data: { activityId: 'survey', title: 'Housing survey', category: 'consultation', method: 'survey', window } }, { actor: officer });
  await ledger.execute({ type: 'OpenActivity', data: { activityId: 'survey', openedOn: '2026-01-05' } }, { actor: officer });
  await ledger.execute({ type: 'RecordFinding', data: { activityId: 'survey', findingId: 'f1', theme: 'Repairs', summary: 'Repairs take too long.' } }, { actor: officer });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const decision = { type: 'RecordDecision', data: { decisionId: 'd1', body: 'Cabinet', decidedOn: '2026-03-10', title: 'Repairs first', outcome: 'Repairs are funded first.', outcomeKind: 'approved' } };
const link = (linkId: string, findingId: string) => ({
  type: 'LinkInfluence',
  data: { decisionId: 'd1', linkId, source: { kind: 'finding', activityId: 'survey', findingId }, influence: 'changed', rationale: 'The survey put repairs first.' },
});

describe('several commands for one record', () => {
  it('records a decision and its influence links in one append, each link decided on the decision before it', async () => {
    const before = await store.headPosition();
    const result = await ledger.executeAll([decision, link('l1', 'f1')], { actor: officer });
    expect(result.events.map((e) => e.type)).toEqual(['DecisionRecorded', 'InfluenceLinked']);
    const stream = await store.readStream('decision-d1');
    expect(stream.map((e) => [e.type, e.position])).toEqual([
      ['DecisionRecorded', before + 1],
      ['InfluenceLinked', before + 2],
    ]);
    // One append: the events share one correlation id and one recording time.
    expect(new Set(stream.map((e) => `${e.metadata.correlationId} ${e.metadata.recordedAt}`)).size).toBe(1);
  });

  it('given a link citing a finding that does not exist, refuses the whole and leaves no bare decision behind', async () => {
    const before = await store.headPosition();
    const refused = await ledger.executeAll([decision, link('l1', 'f1'), link('l2', 'no-such-finding')], { actor: officer }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('INFLUENCE_CITES_UNKNOWN_FINDING');
    expect(await store.headPosition()).toBe(before);
    expect(await store.readStream('decision-d1')).toEqual([]);
  });

  it('refuses commands for another kind of record in the same group, before reading anything', async () => {
    const mixed = [decision, { type: 'OpenActivity', data: { activityId: 'survey', openedOn: '2026-01-06' } }];
    await expect(ledger.executeAll(mixed, { actor: officer })).rejects.toBeInstanceOf(InvalidCommand);
  });

  it('checks a command without recording it: the events it would record, or the refusal it would meet', async () => {
    const before = await store.headPosition();
    const tell = { type: 'GiveFeedbackToParticipants', data: { activityId: 'survey', givenOn: '2026-03-20', channel: 'letter', summary: 'You said repairs; we funded them.' } };
    // Not closed yet: refused, as execute would refuse it.
    await expect(ledger.check(tell, { actor: officer })).rejects.toMatchObject({ code: 'ACTIVITY_NOT_CLOSED' });
    await ledger.execute({ type: 'CloseActivity', data: { activityId: 'survey', closedOn: '2026-02-27' } }, { actor: officer });
    const closed = await store.headPosition();
    const events = await ledger.check(tell, { actor: officer });
    expect(events.map((e) => e.type)).toEqual(['FeedbackGivenToParticipants']);
    expect(await store.headPosition()).toBe(closed);
    expect(closed).toBe(before + 1);
  });
});
