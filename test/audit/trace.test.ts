import { describe, expect, it } from 'vitest';
import { activityTrace, decisionTrace, type ActivityTraceInput, type DecisionTraceInput } from '../../src/audit/trace/assemble.js';
import { TRACE_FEEDBACK_PAGE, type TraceGraph, type TraceNode } from '../../src/audit/trace/graph.js';
import { escapeMermaidLabel, mermaidIds, toMermaid } from '../../src/audit/trace/mermaid.js';
import type { EventData } from '../../src/domain/events/catalogue.js';
import { ActivityDigests, countsOf } from '../../src/audit/trace/feedback.js';
import type { EventStore, RecordedEvent } from '../../src/store/port.js';
import { response as redcarResponse, workshop } from '../domain/fixtures.js';

// ---------------------------------------------------------------------------------------------
// Given: a small log, written in order. Positions are global, revisions per stream, hashes fake.

class Log {
  readonly events: RecordedEvent[] = [];

  add(streamId: string, type: string, data: Record<string, unknown>, version = 1, metadata: Partial<RecordedEvent['metadata']> = {}): RecordedEvent {
    const position = this.events.length + 1;
    const event: RecordedEvent = {
      id: `E${String(position).padStart(3, '0')}`,
      type,
      version,
      data,
      streamId,
      revision: this.events.filter((e) => e.streamId === streamId).length,
      position,
      hash: `hash-${position}`,
      metadata: {
        actor: 'officer@council',
        organisation: 'council',
        recordedAt: `2024-03-01T00:00:${String(position % 60).padStart(2, '0')}.000Z`,
        occurredAt: '2024-02-01T12:00:00Z',
        correlationId: 'test',
        causationId: null,
        ...metadata,
      },
    };
    this.events.push(event);
    return event;
  }

  stream(streamId: string): RecordedEvent[] {
    return this.events.filter((e) => e.streamId === streamId);
  }

  streams(prefix: string, ids: readonly string[]): Map<string, RecordedEvent[]> {
    return new Map(ids.map((id) => [id, this.stream(`${prefix}-${id}`)]));
  }
}

const planned = (activityId: string, more: Partial<EventData<'ActivityPlanned'>> = {}): EventData<'ActivityPlanned'> => ({
  ...workshop(activityId),
  organisationId: 'council',
  title: `Survey ${activityId}`,
  method: 'online_consultation',
  window: { opens: '2024-01-01', closes: '2024-01-31' },
  ...more,
});

const response = (activityId: string, feedbackId: string, text: string, more: Partial<EventData<'FeedbackReceived'>> = {}): EventData<'FeedbackReceived'> => ({
  ...redcarResponse(feedbackId, '2024-01-10'),
  activityId,
  text,
  ...more,
});

const actionPlanned = (actionId: string, planId: string, objectiveId?: string, decisionId?: string) => ({
  actionId,
  organisationId: 'council',
  planId,
  ...(objectiveId ? { objectiveId } : {}),
  ...(decisionId ? { decisionId } : {}),
  what: `Do the thing for ${actionId}, with a description long enough that the label has to cut it somewhere sensible`,
  lead: 'Community Development Team',
  leadOrganisationIds: [],
  targetDate: '2024-12-31',
});

/** The budget survey: feedback, two findings (one amended, one withdrawn), a decision citing both (one link withdrawn), participants told, three actions. */
function budgetLedger() {
  const log = new Log();
  const a = 'activity-budget';
  log.add(a, 'ActivityPlanned', planned('budget', { planId: 'plan-1', objectiveId: 'objective-1' }), 2);
  log.add(a, 'ActivityOpened', { activityId: 'budget', openedOn: '2024-01-01' });
  log.add(a, 'FeedbackReceived', response('budget', 'f1', 'I live at 1 High Street', { respondent: { name: 'Jane Doe', postcode: 'TS10 1AA' } }));
  log.add(a, 'FeedbackReceived', response('budget', 'f2', 'Our table wants the library kept open', { respondents: 12 }));
  log.add(a, 'FeedbackReceived', response('budget', 'f3', 'Something no finding summarises'));
  log.add(a, 'FeedbackRedacted', { activityId: 'budget', feedbackId: 'f1', fields: ['respondent'], reason: 'erasure request' });
  log.add(a, 'ActivityClosed', { activityId: 'budget', closedOn: '2024-01-31', participants: 14 });
  log.add(a, 'FindingRecorded', { activityId: 'budget', findingId: 'libraries', theme: 'Keep libraries', summary: 'People want libraries kept.', feedbackIds: ['f2'] });
  log.add(a, 'FindingRecorded', { activityId: 'budget', findingId: 'parking', theme: 'Parking', summary: 'Parking charges.', feedbackIds: ['f1'] });
  log.add(a, 'FindingAmended', { activityId: 'budget', findingId: 'libraries', theme: 'Keep libraries open', reason: 'typo' });

  const d = 'decision-cabinet';
  log.add(d, 'DecisionRecorded', {
    decisionId: 'cabinet', organisationId: 'council', body: 'Cabinet', decidedOn: '2024-02-15', reference: 'CAB/24/01', title: 'Budget 2024', outcome: 'Adopted.',
  });
  log.add(d, 'InfluenceLinked', { decisionId: 'cabinet', linkId: 'link-1', source: { kind: 'finding', activityId: 'budget', findingId: 'libraries' }, influence: 'changed', rationale: 'Libraries kept.' });
  log.add(d, 'InfluenceLinked', { decisionId: 'cabinet', linkId: 'link-2', source: { kind: 'finding', activityId: 'budget', findingId: 'parking' }, influence: 'not_adopted', rationale: 'No.', notAdoptedReason: 'Costs.' });
  log.add(a, 'FindingWithdrawn', { activityId: 'budget', findingId: 'parking', reason: 'recorded against the wrong survey' });
  log.add(d, 'InfluenceLinkWithdrawn', { decisionId: 'cabinet', linkId: 'link-2', reason: 'the finding was withdrawn' });
  log.add(d, 'DecisionAmended', { decisionId: 'cabinet', title: 'Revenue budget 2024', reason: 'title as minuted' });
  log.add(a, 'FeedbackGivenToParticipants', { activityId: 'budget', givenOn: '2024-03-01', channel: 'website', summary: 'You said, we did.', decisionIds: ['cabinet'] });

  // Another decision, on another activity: never in the budget survey's trace.
  log.add('activity-other', 'ActivityPlanned', planned('other'), 2);
  log.add('activity-other', 'ActivityOpened', { activityId: 'other', openedOn: '2024-01-01' });
  log.add('decision-elsewhere', 'DecisionRecorded', {
    decisionId: 'elsewhere', organisationId: 'council', body: 'Board', decidedOn: '2024-02-20', title: 'Elsewhere', outcome: 'Done.',
  });
  log.add('decision-elsewhere', 'InfluenceLinked', { decisionId: 'elsewhere', linkId: 'link-1', source: { kind: 'activity', activityId: 'other' }, influence: 'confirmed', rationale: 'Yes.' });

  log.add('action-same-objective', 'ActionPlanned', actionPlanned('same-objective', 'plan-1', 'objective-1'));
  log.add('action-same-objective', 'ActionStatusChanged', { actionId: 'same-objective', from: 'planned', to: 'withdrawn', reason: 'no longer part of the strategy' });
  log.add('action-other-objective', 'ActionPlanned', actionPlanned('other-objective', 'plan-1', 'objective-2'));
  log.add('action-other-plan', 'ActionPlanned', actionPlanned('other-plan', 'plan-2', 'objective-1'));
  return log;
}

/** The budget ledger, and two actions of another plan: one carries out the cabinet's decision, one the other decision. */
function carriedOutLedger(): Log {
  const log = budgetLedger();
  log.add('action-carrying-out', 'ActionPlanned', actionPlanned('carrying-out', 'plan-3', undefined, 'cabinet'), 2);
  log.add('action-carrying-out-elsewhere', 'ActionPlanned', actionPlanned('carrying-out-elsewhere', 'plan-3', undefined, 'elsewhere'), 2);
  return log;
}

const decisionInput = (log: Log, activityIds = ['budget']): DecisionTraceInput => ({
  decisionId: 'cabinet',
  asOf: log.events.length,
  decision: log.stream('decision-cabinet'),
  activities: log.streams('activity', activityIds),
  actions: log.streams('action', ['same-objective', 'other-objective', 'other-plan', 'carrying-out', 'carrying-out-elsewhere']),
});

const activityInput = (log: Log, activity = 'budget'): ActivityTraceInput => ({
  activityId: activity,
  asOf: log.events.length,
  activity: log.stream(`activity-${activity}`),
  decisions: log.streams('decision', ['cabinet', 'elsewhere']),
  actions: log.streams('action', ['same-objective', 'other-objective', 'other-plan', 'carrying-out', 'carrying-out-elsewhere']),
});

const nodeOf = (graph: TraceGraph, id: string): TraceNode => {
  const found = graph.nodes.find((n) => n.id === id);
  expect(found, `node ${id}`).toBeDefined();
  return found as TraceNode;
};
const types = (node: TraceNode) => node.events.map((e) => e.type);
const edges = (graph: TraceGraph) => graph.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`);

// ---------------------------------------------------------------------------------------------

describe('the trace back from a decision', () => {
  it('reaches the influence links, the findings they cite, the feedback those summarise, the activity and when participants were told', () => {
    const log = budgetLedger();
    const graph = decisionTrace(decisionInput(log));
    const told = log.stream('activity-budget').find((e) => e.type === 'FeedbackGivenToParticipants') as RecordedEvent;

    expect(graph).toMatchObject({ root: 'decision:cabinet', direction: 'back', asOf: log.events.length });
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'decision:cabinet',
      'activity:budget',
      'feedback:budget',
      'finding:budget/libraries',
      'finding:budget/parking',
      `feedback_to_participants:${told.id}`,
      'influence_link:cabinet/link-1',
      'influence_link:cabinet/link-2',
    ]);
    expect(edges(graph).sort()).toEqual(
      [
        'activity:budget -received-> feedback:budget',
        'activity:budget -found-> finding:budget/libraries',
        'activity:budget -found-> finding:budget/parking',
        'feedback:budget -summarised_in-> finding:budget/libraries',
        'feedback:budget -summarised_in-> finding:budget/parking',
        'finding:budget/libraries -cited_by-> influence_link:cabinet/link-1',
        'finding:budget/parking -cited_by-> influence_link:cabinet/link-2',
        'influence_link:cabinet/link-1 -fed-> decision:cabinet',
        'influence_link:cabinet/link-2 -fed-> decision:cabinet',
        `activity:budget -told-> feedback_to_participants:${told.id}`,
        `decision:cabinet -reported_in-> feedback_to_participants:${told.id}`,
      ].sort(),
    );
  });

  it('keeps each correction with the node it corrects, and marks withdrawn links and findings instead of hiding them', () => {
    const graph = decisionTrace(decisionInput(budgetLedger()));

    const decision = nodeOf(graph, 'decision:cabinet');
    expect(types(decision)).toEqual(['DecisionRecorded', 'DecisionAmended']);
    expect(decision.label).toBe('Decision cabinet\nRevenue budget 2024\nCabinet, 2024-02-15, CAB/24/01\noutcome not stated');

    const link = nodeOf(graph, 'influence_link:cabinet/link-2');
    expect(types(link)).toEqual(['InfluenceLinked', 'InfluenceLinkWithdrawn']);
    expect(link.withdrawn).toEqual({ reason: 'the finding was withdrawn', eventId: link.events[1]?.id });
    expect(link.label).toBe('Influence link link-2\nnot adopted\nWITHDRAWN');
    expect(nodeOf(graph, 'influence_link:cabinet/link-1').withdrawn).toBeNull();

    const parking = nodeOf(graph, 'finding:budget/parking');
    expect(types(parking)).toEqual(['FindingRecorded', 'FindingWithdrawn']);
    expect(parking.withdrawn?.reason).toBe('recorded against the wrong survey');

    const libraries = nodeOf(graph, 'finding:budget/libraries');
    expect(types(libraries)).toEqual(['FindingRecorded', 'FindingAmended']);
    expect(libraries.label).toBe('Finding libraries\nKeep libraries open');

    expect(types(nodeOf(graph, 'activity:budget'))).toEqual(['ActivityPlanned', 'ActivityOpened', 'ActivityClosed']);
  });

  it('lists the feedback the cited findings summarise by ids and counts, never its text or who gave it', () => {
    const graph = decisionTrace(decisionInput(budgetLedger()));
    const feedback = nodeOf(graph, 'feedback:budget');

    expect(feedback.feedback).toEqual({
      responses: 2,
      respondents: 13,
      redacted: 1,
      events: 3,
      first: { feedbackId: 'f1', position: 3, recordedAt: '2024-03-01T00:00:03.000Z' },
      last: { feedbackId: 'f2', position: 4, recordedAt: '2024-03-01T00:00:04.000Z' },
      listed: 'summary',
      ids: ['f1', 'f2'],
      next: null,
    });
    expect(types(feedback)).toEqual(['FeedbackReceived', 'FeedbackReceived', 'FeedbackRedacted']);
    expect(feedback.label).toBe('Feedback to budget\n2 responses, 13 people\n1 redacted');
    const labels = graph.nodes.map((n) => n.label).join('\n');
    for (const personal of ['High Street', 'Jane', 'TS10', 'library kept open']) expect(labels).not.toContain(personal);
  });

  it('takes all of an activity’s feedback when a link cites the activity itself', () => {
    const log = budgetLedger();
    log.add('decision-cabinet', 'InfluenceLinked', {
      decisionId: 'cabinet', linkId: 'link-3', source: { kind: 'activity', activityId: 'budget' }, influence: 'confirmed', rationale: 'The survey as a whole.',
    });
    const graph = decisionTrace(decisionInput(log));

    expect(nodeOf(graph, 'feedback:budget').feedback).toMatchObject({ responses: 3, first: { feedbackId: 'f1' }, last: { feedbackId: 'f3' } });
    expect(decisionTrace(decisionInput(log), { feedback: 'all', after: 0 }).nodes.find((n) => n.kind === 'feedback')?.feedback?.ids).toEqual(['f1', 'f2', 'f3']);
    expect(edges(graph)).toContain('activity:budget -cited_by-> influence_link:cabinet/link-3');
  });

  it('gives every event of every node its provenance: id, type, version, position, occurredAt, recordedAt, actor, organisation and hash', () => {
    const graph = decisionTrace(decisionInput(budgetLedger()));
    const events = graph.nodes.flatMap((n) => n.events);

    expect(events.length).toBe(16);
    for (const event of events) {
      expect(event).toMatchObject({
        id: expect.stringMatching(/^E\d+$/),
        type: expect.any(String),
        version: expect.any(Number),
        position: expect.any(Number),
        occurredAt: '2024-02-01T12:00:00Z',
        recordedAt: expect.any(String),
        actor: 'officer@council',
        organisation: 'council',
        hash: `hash-${event.position}`,
      });
    }
  });

  it('reaches forward to the actions that carry the decision out, and to no action carrying out another', () => {
    const graph = decisionTrace(decisionInput(carriedOutLedger()));
    expect(graph.nodes.filter((n) => n.kind === 'action').map((n) => n.entityId)).toEqual(['carrying-out']);
    expect(edges(graph)).toContain('decision:cabinet -carried_out_by-> action:carrying-out');
  });

  it('says whose each node is, and names only the joint partners that accepted', () => {
    const log = budgetLedger();
    log.add('activity-budget', 'JointPartnershipAccepted', { activityId: 'budget', organisationId: 'rcvda' });
    const graph = decisionTrace(decisionInput(log));
    expect(nodeOf(graph, 'activity:budget').label.split('\n').at(-1)).toBe('by council, with rcvda');
    expect(graph.nodes.map((n) => n.organisationId)).toEqual(graph.nodes.map(() => 'council'));
    const invited = decisionTrace(decisionInput(budgetLedger()));
    expect(nodeOf(invited, 'activity:budget').label.split('\n').at(-1)).toBe('by council');
  });

  it('says what the body did with a recommendation, and when', () => {
    const log = new Log();
    log.add('decision-cabinet', 'DecisionRecorded', { decisionId: 'cabinet', organisationId: 'council', body: 'Director', decidedOn: '2024-02-01', title: 'Budget', outcome: 'Recommends', outcomeKind: 'recommended' }, 2);
    expect(nodeOf(decisionTrace(decisionInput(log, [])), 'decision:cabinet').label.split('\n').at(-1)).toBe('recommended');
    log.add('decision-cabinet', 'RecommendationDecided', { decisionId: 'cabinet', outcomeKind: 'approved', decidedOn: '2024-02-15', body: 'Cabinet' });
    expect(nodeOf(decisionTrace(decisionInput(log, [])), 'decision:cabinet').label.split('\n').at(-1)).toBe('recommended, then approved on 2024-02-15');
  });

  it('says on a node which document it was recorded from, and keeps the whole source on its event', () => {
    const log = new Log();
    const source = { title: 'Cabinet minutes, 15 February 2024', section: 'Item 7', quote: 'Cabinet agreed the revenue budget.' };
    log.add('decision-cabinet', 'DecisionRecorded', { decisionId: 'cabinet', organisationId: 'council', body: 'Cabinet', decidedOn: '2024-02-15', title: 'Budget', outcome: 'Agreed' }, 1, { source });
    const decision = nodeOf(decisionTrace(decisionInput(log, [])), 'decision:cabinet');
    expect(decision.label.split('\n')).toContain('Recorded from: Cabinet minutes, 15 February 2024, Item 7');
    expect(decision.events[0]?.source).toEqual(source);
  });

  it('reads an activity planned at schema version 1 through the upcaster', () => {
    const log = new Log();
    log.add('activity-old', 'ActivityPlanned', {
      activityId: 'old', organisationId: 'council', title: 'Old survey', category: 'consultation', method: 'survey', areaId: 'ward-1', window: { opens: '2010-01-01', closes: '2010-02-01' },
    });
    log.add('activity-old', 'ActivityOpened', { activityId: 'old', openedOn: '2010-01-01' });
    log.add('decision-cabinet', 'DecisionRecorded', { decisionId: 'cabinet', organisationId: 'council', body: 'Cabinet', decidedOn: '2010-03-01', title: 'T', outcome: 'O' });
    log.add('decision-cabinet', 'InfluenceLinked', { decisionId: 'cabinet', linkId: 'l', source: { kind: 'activity', activityId: 'old' }, influence: 'confirmed', rationale: 'R' });
    const graph = decisionTrace(decisionInput(log, ['old']));

    const activity = nodeOf(graph, 'activity:old');
    expect(activity.label).toBe('Activity old\nOld survey\nsurvey, 2010-01-01 to 2010-02-01\nby council');
    expect(activity.events[0]).toMatchObject({ version: 1, data: { areaId: 'ward-1' } });
  });
});

describe('the feedback of an activity with many responses', () => {
  /** A consultation with 2,500 responses (every tenth from a table of three, every hundredth redacted), cited as a whole. */
  function consultation() {
    const log = new Log();
    const a = 'activity-consultation';
    log.add(a, 'ActivityPlanned', planned('consultation'), 2);
    log.add(a, 'ActivityOpened', { activityId: 'consultation', openedOn: '2024-01-01' });
    for (let i = 1; i <= 2_500; i++) {
      log.add(a, 'FeedbackReceived', response('consultation', `r${i}`, `Response ${i}`, i % 10 === 0 ? { respondents: 3 } : {}));
      if (i % 100 === 0) log.add(a, 'FeedbackRedacted', { activityId: 'consultation', feedbackId: `r${i}`, fields: ['text'], reason: 'erasure request' });
    }
    log.add(a, 'ActivityClosed', { activityId: 'consultation', closedOn: '2024-01-31', participants: 3_000 });
    log.add('decision-cabinet', 'DecisionRecorded', {
      decisionId: 'cabinet', organisationId: 'council', body: 'Cabinet', decidedOn: '2024-02-15', title: 'Budget 2024', outcome: 'Adopted.',
    });
    log.add('decision-cabinet', 'InfluenceLinked', {
      decisionId: 'cabinet', linkId: 'link-1', source: { kind: 'activity', activityId: 'consultation' }, influence: 'confirmed', rationale: 'The consultation as a whole.',
    });
    return log;
  }
  const log = consultation();
  const input = decisionInput(log, ['consultation']);
  const feedbackOf = (graph: TraceGraph) => nodeOf(graph, 'feedback:consultation');

  it('summarises them by default: every response counted, the first and last listed with their events, not every one', () => {
    const feedback = feedbackOf(decisionTrace(input));

    expect(feedback.feedback).toMatchObject({
      responses: 2_500,
      respondents: 2_500 + 250 * 2,
      redacted: 25,
      events: 2_525,
      first: { feedbackId: 'r1', position: 3 },
      last: { feedbackId: 'r2500', position: log.events.find((e) => e.type === 'FeedbackReceived' && (e.data as { feedbackId: string }).feedbackId === 'r2500')?.position },
      listed: 'summary',
      ids: ['r1', 'r2500'],
      next: null,
    });
    // r2500 was redacted: its redaction comes with it.
    expect(types(feedback)).toEqual(['FeedbackReceived', 'FeedbackReceived', 'FeedbackRedacted']);
    expect(feedback.label).toBe('Feedback to consultation\n2500 responses, 3000 people\n25 redacted');
  });

  it('lists every response on request, a page at a time, each page bounded and carrying on where the last stopped', () => {
    const pages: NonNullable<TraceNode['feedback']>[] = [];
    let eventsListed = 0;
    for (let after = 0; ; ) {
      const feedback = feedbackOf(decisionTrace(input, { feedback: 'all', after }));
      pages.push(feedback.feedback!);
      eventsListed += feedback.events.length;
      expect(feedback.feedback?.ids.length).toBeLessThanOrEqual(TRACE_FEEDBACK_PAGE);
      if (feedback.feedback?.next == null) break;
      after = feedback.feedback.next;
    }

    expect(pages.map((p) => p.ids.length)).toEqual([1_000, 1_000, 500]);
    const ids = pages.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(2_500);
    expect(ids.slice(0, 2)).toEqual(['r1', 'r2']);
    expect(eventsListed).toBe(2_525);
    // Every page counts all of them.
    for (const page of pages) expect(page).toMatchObject({ responses: 2_500, listed: 'all', first: { feedbackId: 'r1' }, last: { feedbackId: 'r2500' } });
  });
});

describe('a decision citing a consultation with 10,000 responses', () => {
  /** A decision citing, whole, a consultation with `count` responses. */
  function citing(count: number): TraceGraph {
    const log = new Log();
    const a = 'activity-big';
    log.add(a, 'ActivityPlanned', planned('big'), 2);
    log.add(a, 'ActivityOpened', { activityId: 'big', openedOn: '2024-01-01' });
    for (let i = 1; i <= count; i++) log.add(a, 'FeedbackReceived', response('big', `b${i}`, `Response ${i}`));
    log.add('decision-cabinet', 'DecisionRecorded', { decisionId: 'cabinet', organisationId: 'council', body: 'Cabinet', decidedOn: '2024-02-15', title: 'Budget', outcome: 'Adopted.' });
    log.add('decision-cabinet', 'InfluenceLinked', { decisionId: 'cabinet', linkId: 'l', source: { kind: 'activity', activityId: 'big' }, influence: 'confirmed', rationale: 'R' });
    return decisionTrace(decisionInput(log, ['big']));
  }

  it('gives its feedback node a summary with the first and last responses’ events, not the 10,000, and an answer no bigger than for 100', () => {
    const big = citing(10_000);
    const feedback = nodeOf(big, 'feedback:big');
    expect(feedback.feedback).toMatchObject({ responses: 10_000, events: 10_000, ids: ['b1', 'b10000'], first: { feedbackId: 'b1' }, last: { feedbackId: 'b10000' } });
    expect(feedback.events.map((e) => (e.data as { feedbackId: string }).feedbackId)).toEqual(['b1', 'b10000']);
    // Only numbers differ in width (positions, counts): the answer does not grow with the responses.
    expect(JSON.stringify(big).length - JSON.stringify(citing(100)).length).toBeLessThan(100);
  });
});

describe('a consultation’s digest, kept between traces', () => {
  /** The log as a store that can only read streams, counting the events it returns. */
  const streamsOf = (log: Log) => {
    const store = {
      returned: 0,
      async readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}) {
        const from = options.fromRevision ?? 0;
        const events = log.stream(streamId).slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
        store.returned += events.length;
        return events;
      },
    };
    return store;
  };

  it('is read whole once, then only from where it stopped, and answers as of any position it has read past', async () => {
    const log = new Log();
    const a = 'activity-survey';
    log.add(a, 'ActivityPlanned', planned('survey'), 2);
    log.add(a, 'ActivityOpened', { activityId: 'survey', openedOn: '2024-01-01' });
    for (let i = 1; i <= 3; i++) log.add(a, 'FeedbackReceived', response('survey', `s${i}`, 'Text'));
    const store = streamsOf(log);
    const digests = new ActivityDigests(1);

    const first = await digests.read(store as unknown as EventStore, a, log.events.length);
    expect([store.returned, first.feedback.size, first.events.length]).toEqual([5, 3, 2]);
    const asOf = log.events.length;
    log.add(a, 'FeedbackReceived', response('survey', 's4', 'Text'));
    log.add(a, 'FeedbackRedacted', { activityId: 'survey', feedbackId: 's1', fields: ['text'], reason: 'erasure request' });

    store.returned = 0;
    const now = await digests.read(store as unknown as EventStore, a, log.events.length);
    expect([store.returned, now.feedback.size, now.feedback.get('s1')?.redactions.length]).toEqual([2, 4, 1]);
    // A trace read as of the earlier position sees neither the fourth response nor the redaction.
    const then = await digests.read(store as unknown as EventStore, a, asOf);
    expect([then.feedback.size, then.feedback.get('s1')?.redactions.length]).toEqual([3, 0]);
  });
  it('counts a kept digest’s responses once, on the digest itself; a copy extended with new ones is counted afresh', async () => {
    const log = new Log();
    const a = 'activity-survey';
    log.add(a, 'ActivityPlanned', planned('survey'), 2);
    log.add(a, 'ActivityOpened', { activityId: 'survey', openedOn: '2024-01-01' });
    for (let i = 1; i <= 3; i++) log.add(a, 'FeedbackReceived', response('survey', `s${i}`, 'Text'));
    const store = streamsOf(log) as unknown as EventStore;
    const digests = new ActivityDigests(1);
    await digests.read(store, a, log.events.length);

    const kept = await digests.read(store, a, log.events.length);
    expect(countsOf(kept)).toBe(countsOf(kept));
    expect(countsOf(kept).records.map((r) => r.feedbackId)).toEqual(['s1', 's2', 's3']);
    log.add(a, 'FeedbackReceived', response('survey', 's4', 'Text', { respondents: 5 }));
    const extended = await digests.read(store, a, log.events.length);
    expect(extended).not.toBe(kept);
    expect(countsOf(extended)).toMatchObject({ respondents: 8, events: 4 });
    expect(countsOf(extended).records.map((r) => r.feedbackId)).toEqual(['s1', 's2', 's3', 's4']);
    // The earlier digest, still held by a trace assembling from it, keeps its own counts.
    expect(countsOf(kept).records).toHaveLength(3);
  });
});

describe('the trace forward from an activity', () => {
  it('reaches its findings, the decisions citing them, when participants were told, and the actions of its plan objective', () => {
    const log = budgetLedger();
    const graph = activityTrace(activityInput(log));
    const told = log.stream('activity-budget').find((e) => e.type === 'FeedbackGivenToParticipants') as RecordedEvent;

    expect(graph).toMatchObject({ root: 'activity:budget', direction: 'forward' });
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'activity:budget',
      'feedback:budget',
      'finding:budget/libraries',
      'finding:budget/parking',
      `feedback_to_participants:${told.id}`,
      'decision:cabinet',
      'influence_link:cabinet/link-1',
      'influence_link:cabinet/link-2',
      'action:same-objective',
    ]);
    expect(edges(graph)).toEqual(
      expect.arrayContaining([
        'finding:budget/libraries -cited_by-> influence_link:cabinet/link-1',
        'influence_link:cabinet/link-1 -fed-> decision:cabinet',
        `decision:cabinet -reported_in-> feedback_to_participants:${told.id}`,
        'activity:budget -followed_by-> action:same-objective',
      ]),
    );
    // All the activity's feedback, the finding's or not.
    expect(nodeOf(graph, 'feedback:budget').feedback).toMatchObject({ responses: 3, respondents: 14, ids: ['f1', 'f3'] });
    const action = nodeOf(graph, 'action:same-objective');
    expect(action.withdrawn).toEqual({ reason: 'no longer part of the strategy', eventId: action.events[1]?.id });
    expect(action.label).toMatch(/^Action same-objective\nDo the thing for same-objective, with a description long enough that the label…\nwithdrawn, due 2024-12-31$/);
  });

  it('reaches, through each decision citing it, the actions carrying that decision out', () => {
    const graph = activityTrace(activityInput(carriedOutLedger()));
    expect(graph.nodes.filter((n) => n.kind === 'action').map((n) => n.entityId)).toEqual(['same-objective', 'carrying-out']);
    expect(edges(graph)).toContain('decision:cabinet -carried_out_by-> action:carrying-out');
    expect(edges(graph).filter((e) => e.endsWith('action:carrying-out'))).toEqual(['decision:cabinet -carried_out_by-> action:carrying-out']);
  });

  it('follows every action of the plan when the activity names no objective', () => {
    const noObjective = new Log();
    noObjective.add('activity-budget', 'ActivityPlanned', planned('budget', { planId: 'plan-1' }), 2);
    const graph = activityTrace({ ...activityInput(budgetLedger()), activity: noObjective.stream('activity-budget') });

    expect(graph.nodes.filter((n) => n.kind === 'action').map((n) => n.entityId)).toEqual(['same-objective', 'other-objective']);
  });

  it('follows no action when the activity serves no plan, nor any decision citing only other activities', () => {
    const log = new Log();
    log.add('activity-budget', 'ActivityPlanned', planned('budget'), 2);
    const graph = activityTrace({ ...activityInput(budgetLedger()), activity: log.stream('activity-budget') });

    expect(graph.nodes.map((n) => n.id)).toEqual(['activity:budget', 'decision:cabinet', 'finding:budget/libraries', 'influence_link:cabinet/link-1', 'finding:budget/parking', 'influence_link:cabinet/link-2']);
    expect(graph.nodes.some((n) => n.id === 'decision:elsewhere' || n.kind === 'action')).toBe(false);
    // Cited findings the activity's stream does not hold are shown, and say so.
    expect(nodeOf(graph, 'finding:budget/libraries')).toMatchObject({ label: 'Finding libraries\nnot in the log', events: [] });
  });
});

describe('the trace as Mermaid', () => {
  it('draws a decision’s trace right to left with every node and edge, withdrawn ones dashed', () => {
    const graph = decisionTrace(decisionInput(budgetLedger()));
    const text = toMermaid(graph);
    const lines = text.trimEnd().split('\n');

    expect(lines[0]).toBe(`%% engagement-ledger trace back from decision:cabinet, as of log position ${graph.asOf}`);
    expect(lines[1]).toBe('flowchart RL');
    expect(lines).toContain('  decision_cabinet{{"Decision cabinet<br/>Revenue budget 2024<br/>Cabinet, 2024-02-15, CAB/24/01<br/>outcome not stated"}}');
    expect(lines).toContain('  feedback_budget[("Feedback to budget<br/>2 responses, 13 people<br/>1 redacted")]');
    expect(lines).toContain('  influence_link_cabinet_link_1 -->|fed| decision_cabinet');
    expect(lines).toContain('  finding_budget_parking -.->|cited by| influence_link_cabinet_link_2');
    expect(lines).toContain('  class decision_cabinet root');
    expect(lines).toContain('  class finding_budget_parking,influence_link_cabinet_link_2 withdrawn');
    expect(lines.filter((l) => /^ {2}\w+[[({>/]+"/.test(l))).toHaveLength(graph.nodes.length);
    expect(lines.filter((l) => / -\.?->\|/.test(l))).toHaveLength(graph.edges.length);
  });

  it('draws an activity’s trace left to right', () => {
    const text = toMermaid(activityTrace(activityInput(budgetLedger())));
    expect(text.split('\n')[1]).toBe('flowchart LR');
    // The action was withdrawn: drawn dashed, its edge dotted.
    expect(text).toContain('  activity_budget -.->|followed by| action_same_objective');
  });

  it('escapes quotes, brackets, pipes, # and newlines in labels', () => {
    expect(escapeMermaidLabel('The "Big" [draft] (v2) {x} | #1 & <b>\nline two\r\n`code`\ttab')).toBe(
      'The #quot;Big#quot; #91;draft#93; #40;v2#41; #123;x#125; #124; #35;1 #amp; #lt;b#gt;<br/>line two<br/>#96;code#96; tab',
    );
  });

  it('keeps a title with Mermaid syntax inside its quoted label', () => {
    const log = budgetLedger();
    log.add('activity-budget', 'ActivityDetailsAmended', { activityId: 'budget', changes: { title: 'Budget "2024"]) --> end\n[x]' }, reason: 'r' });
    const text = toMermaid(decisionTrace(decisionInput(log)));
    expect(text).toContain('  activity_budget(["Activity budget<br/>Budget #quot;2024#quot;#93;#41; --#gt; end<br/>#91;x#93;<br/>online consultation, 2024-01-01 to 2024-01-31<br/>by council"])');
  });

  it('sanitises node ids to letters, digits and underscores, and keeps them unique', () => {
    const ids = mermaidIds([{ id: 'finding:a-b/c' }, { id: 'finding:a/b-c' }, { id: 'finding:a_b_c' }, { id: '::' }]);
    expect([...ids.values()]).toEqual(['finding_a_b_c', 'finding_a_b_c_2', 'finding_a_b_c_3', 'node']);
  });
});
