// The ledger generator: deterministic, exactly the size asked for, every event valid
// against the catalogue, and every append one the domain itself would have made.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValid as isUlid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import type { Command } from '../../src/domain/aggregate.js';
import { validateEvent, type LedgerEvent } from '../../src/domain/events/catalogue.js';
import { appendGenerated, generateLedger, type GeneratedAppend } from '../../src/generate/index.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

function take(seed: number, events: number): GeneratedAppend[] {
  return [...generateLedger({ seed, events })];
}

const eventsOf = (appends: readonly GeneratedAppend[]) => appends.flatMap((a) => a.events);

function withoutKeys(data: unknown, ...keys: string[]): Record<string, unknown> {
  const copy = { ...(data as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * For each event type, the command that records it and the fields the command leaves to the
 * domain (the organisation comes from the credential, a status change's `from` from the state).
 */
const recordedBy: Record<string, [command: string, ...derived: string[]]> = {
  OrganisationRegistered: ['RegisterOrganisation'],
  OrganisationRenamed: ['RenameOrganisation'],
  AreaDefined: ['DefineArea'],
  CommunityOfInterestDefined: ['DefineCommunityOfInterest'],
  PlanAdopted: ['AdoptPlan', 'organisationId'],
  ObjectiveAdded: ['AddObjective'],
  ObjectiveAmended: ['AmendObjective'],
  OutcomeIndicatorAdded: ['AddOutcomeIndicator'],
  ActivityPlanned: ['PlanActivity', 'organisationId'],
  ActivityDetailsAmended: ['AmendActivityDetails'],
  ActivityRescheduled: ['RescheduleActivity'],
  ActivityDocumentPublished: ['PublishActivityDocument'],
  ActivityOpened: ['OpenActivity'],
  ActivityClosed: ['CloseActivity'],
  ActivityCancelled: ['CancelActivity'],
  FeedbackRedacted: ['RedactFeedback'],
  FindingRecorded: ['RecordFinding'],
  FindingAmended: ['AmendFinding'],
  FindingWithdrawn: ['WithdrawFinding'],
  FeedbackGivenToParticipants: ['GiveFeedbackToParticipants'],
  DecisionRecorded: ['RecordDecision', 'organisationId'],
  DecisionAmended: ['AmendDecision'],
  InfluenceLinked: ['LinkInfluence'],
  InfluenceLinkWithdrawn: ['WithdrawInfluenceLink'],
  ActionPlanned: ['PlanAction', 'organisationId'],
  ActionStatusChanged: ['ChangeActionStatus', 'from'],
  ActionProgressNoted: ['NoteActionProgress'],
  ActionRetimed: ['RetimeAction'],
  ActionReassigned: ['ReassignAction'],
  ActionReopened: ['ReopenAction', 'from'],
  HealthCheckCycleOpened: ['OpenHealthCheckCycle'],
  HealthCheckSubmitted: ['SubmitHealthCheck', 'organisationId'],
  VoiceEvaluationRecorded: ['RecordVoiceEvaluation', 'organisationId'],
};

/** The command an officer (or the administrator) would send to record this append. */
function commandOf(append: GeneratedAppend): Command {
  const [first] = append.events;
  if (!first) throw new Error('empty append');
  // One command records a survey's whole batch of responses.
  if (first.type === 'FeedbackReceived') {
    const responses = append.events.map((e) => withoutKeys(e.data, 'activityId'));
    return { type: 'RecordFeedback', data: { activityId: (first.data as { activityId: string }).activityId, responses } };
  }
  const recording = recordedBy[first.type];
  if (!recording) throw new Error(`no command records ${first.type}`);
  const [type, ...derived] = recording;
  return { type, data: withoutKeys(first.data, ...derived) };
}

function actorOf(append: GeneratedAppend): Actor {
  const { actor, organisation } = (append.events[0] as GeneratedAppend['events'][number]).metadata;
  return organisation === null ? { id: actor, role: 'admin', organisationId: null } : { id: actor, role: 'officer', organisationId: organisation };
}

describe('generateLedger', () => {
  it('makes exactly the number of events asked for', () => {
    for (const size of [0, 1, 17, 60, 1_234]) expect(eventsOf(take(3, size))).toHaveLength(size);
  });

  it('makes the same ledger from the same seed, ids included, and another from another seed', () => {
    const once = JSON.stringify(take(42, 2_000));
    expect(JSON.stringify(take(42, 2_000))).toBe(once);
    expect(JSON.stringify(take(43, 2_000))).not.toBe(once);
  });

  it('gives every event a distinct canonical ULID, increasing in generation order', () => {
    const ids = eventsOf(take(5, 5_000)).map((e) => e.id);
    expect(ids.every((id) => isUlid(id) && id === id.toUpperCase())).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('makes events of every type, each valid against the catalogue as it stands (no default or trim left to the parser)', () => {
    const events = eventsOf(take(11, 20_000));
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(
      [
        'ActionPlanned',
        'ActionProgressNoted',
        'ActionReassigned',
        'ActionReopened',
        'ActionRetimed',
        'ActionStatusChanged',
        'ActivityCancelled',
        'ActivityClosed',
        'ActivityDetailsAmended',
        'ActivityDocumentPublished',
        'ActivityOpened',
        'ActivityPlanned',
        'ActivityRescheduled',
        'AreaDefined',
        'CommunityOfInterestDefined',
        'DecisionAmended',
        'DecisionRecorded',
        'FeedbackGivenToParticipants',
        'FeedbackReceived',
        'FeedbackRedacted',
        'FindingAmended',
        'FindingRecorded',
        'FindingWithdrawn',
        'HealthCheckCycleOpened',
        'HealthCheckSubmitted',
        'InfluenceLinkWithdrawn',
        'InfluenceLinked',
        'ObjectiveAdded',
        'ObjectiveAmended',
        'OrganisationRegistered',
        'OrganisationRenamed',
        'OutcomeIndicatorAdded',
        'PlanAdopted',
        'VoiceEvaluationRecorded',
      ].sort(),
    );
    for (const e of events) {
      const event = { type: e.type, data: e.data } as LedgerEvent;
      expect(validateEvent(event).data, `${e.type} ${e.id}`).toStrictEqual(e.data);
    }
  });

  it('makes only appends the domain accepts: sent as commands, they record the same events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-generate-'));
    const store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
    try {
      const ledger = new Ledger(new CommandHandler({ store }));
      for (const append of generateLedger({ seed: 8, events: 3_000 })) {
        const result = await ledger.execute(commandOf(append), { actor: actorOf(append) });
        expect(result.streamId).toBe(append.streamId);
        expect(result.revision).toBe((append.expectedRevision === 'no_stream' ? -1 : (append.expectedRevision as number)) + append.events.length);
        expect(result.events.map((e) => ({ type: e.type, data: e.data }))).toStrictEqual(append.events.map((e) => ({ type: e.type, data: e.data })));
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cites in decisions only activities that opened before the decision', () => {
    const opened = new Map<string, string>();
    const decided = new Map<string, string>();
    let links = 0;
    for (const e of eventsOf(take(13, 20_000))) {
      const data = e.data as Record<string, unknown>;
      if (e.type === 'ActivityOpened') opened.set(data.activityId as string, data.openedOn as string);
      if (e.type === 'DecisionRecorded') decided.set(data.decisionId as string, data.decidedOn as string);
      if (e.type === 'InfluenceLinked') {
        const source = data.source as { activityId: string };
        expect(opened.get(source.activityId)! < decided.get(data.decisionId as string)!).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(100);
  });
});

describe('appendGenerated', () => {
  it('appends the generated ledger with exact expected revisions, in generation order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-generate-'));
    const store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
    try {
      const progress: number[] = [];
      expect(await appendGenerated(store, { seed: 21, events: 4_000 }, (done) => progress.push(done))).toBe(4_000);
      const recorded = await store.readAll();
      expect(recorded.map((e) => e.id)).toEqual(eventsOf(take(21, 4_000)).map((e) => e.id));
      expect(progress.at(-1)).toBe(4_000);
      expect(store.verify().ok).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
