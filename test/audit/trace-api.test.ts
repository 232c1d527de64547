// The audit trace on the demo ledger: read straight from the log, over HTTP on a fastify
// instance of its own, and through the ledger's server once server.ts registers traceRoutes.

import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it, vi } from 'vitest';
import { registerErrorHandling } from '../../src/api/errors.js';
import { traceRoutes } from '../../src/api/routes/trace.js';
import { TRACE_FEEDBACK_PAGE, type TraceGraph, type TraceNode } from '../../src/audit/trace/graph.js';
import { activityTrace, decisionTrace } from '../../src/audit/trace/assemble.js';
import { TraceLinks } from '../../src/audit/trace/links.js';
import { readActivityTrace, readDecisionTrace, traceActivity, traceDecision } from '../../src/audit/trace/read.js';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { Role } from '../../src/domain/actor.js';
import type { EventStore } from '../../src/store/port.js';
import { ledgerForThisFile } from '../api/harness.js';
import { response } from '../domain/fixtures.js';

const board = 'rc-partnership-board-2007-05-25';
const workshops = ['rc-anchor-workshop-1', 'rc-providers-workshop', 'rc-anchor-workshop-2', 'rc-joint-workshop'];
const citedFindings = [
  'rc-anchor-workshop-1/anchor-network',
  'rc-providers-workshop/coordinate-engagement',
  'rc-anchor-workshop-2/community-anchor-organisations',
  'rc-joint-workshop/agreed-priorities',
];

const ledger = await ledgerForThisFile();
await loadDemo(ledger.app.ledger, seedDemo);
const store = ledger.app.store;

const ofKind = (graph: TraceGraph, kind: TraceNode['kind']) => graph.nodes.filter((n) => n.kind === kind);
const edgeList = (graph: TraceGraph) => graph.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`);

/** Every event of every node carries its provenance, and its hash is the one the store keeps. */
async function expectProvenanceFromTheLog(graph: TraceGraph, from: EventStore): Promise<void> {
  for (const node of graph.nodes) {
    expect(node.events.length, node.id).toBeGreaterThan(0);
    for (const event of node.events) {
      expect(event).toMatchObject({
        id: expect.any(String),
        type: expect.any(String),
        version: expect.any(Number),
        position: expect.any(Number),
        occurredAt: expect.any(String),
        recordedAt: expect.any(String),
        actor: expect.any(String),
        organisation: expect.any(String),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const [stored] = await from.readStream(event.streamId, { fromRevision: event.revision, maxCount: 1 });
      expect(stored).toMatchObject({ id: event.id, position: event.position, hash: event.hash });
    }
  }
}

/** The Partnership Board decision's trace: exactly the four workshops and the four findings it cites. */
function expectTheBoardTrace(graph: TraceGraph): void {
  expect(graph).toMatchObject({ root: `decision:${board}`, direction: 'back' });
  expect(ofKind(graph, 'decision').map((n) => n.entityId)).toEqual([board]);
  expect(ofKind(graph, 'activity').map((n) => n.entityId)).toEqual(workshops);
  expect(ofKind(graph, 'finding').map((n) => `${n.parentId}/${n.entityId}`)).toEqual(citedFindings);
  expect(ofKind(graph, 'influence_link').map((n) => n.entityId)).toEqual(['rc-link-1', 'rc-link-2', 'rc-link-3', 'rc-link-4']);
  expect(graph.nodes.every((n) => n.withdrawn === null)).toBe(true);
  for (const finding of citedFindings) {
    const [activity] = finding.split('/');
    expect(edgeList(graph)).toEqual(expect.arrayContaining([`activity:${activity} -found-> finding:${finding}`]));
  }
}

describe('the trace read from the demo ledger’s log', () => {
  it('shows the Partnership Board decision of 25 May 2007 resting on the four workshops and their findings', async () => {
    const graph = await traceDecision(store, board);
    expect(graph).not.toBeNull();
    expectTheBoardTrace(graph as TraceGraph);
    // The seed records no feedback and no "you said, we did" for the workshops: the trace shows none.
    expect(ofKind(graph as TraceGraph, 'feedback')).toEqual([]);
    expect(ofKind(graph as TraceGraph, 'feedback_to_participants')).toEqual([]);
    expect((graph as TraceGraph).asOf).toBe(await store.headPosition());
    await expectProvenanceFromTheLog(graph as TraceGraph, store);
  });

  it('follows the joint workshop forward to the Partnership Board decision', async () => {
    const graph = (await traceActivity(store, 'rc-joint-workshop')) as TraceGraph;
    expect(graph).toMatchObject({ root: 'activity:rc-joint-workshop', direction: 'forward' });
    expect(edgeList(graph)).toEqual(
      expect.arrayContaining([
        'activity:rc-joint-workshop -found-> finding:rc-joint-workshop/agreed-priorities',
        'finding:rc-joint-workshop/agreed-priorities -cited_by-> influence_link:rc-partnership-board-2007-05-25/rc-link-4',
        `influence_link:${board}/rc-link-4 -fed-> decision:${board}`,
      ]),
    );
    // Only the link that cites this workshop: the other three workshops are not in its forward trace.
    expect(ofKind(graph, 'activity').map((n) => n.entityId)).toEqual(['rc-joint-workshop']);
    await expectProvenanceFromTheLog(graph, store);
  });

  it('follows a Highland planning session forward to the Chief Officers’ Group and the actions of the plan it serves', async () => {
    const graph = (await traceActivity(store, 'highland-planning-session-1')) as TraceGraph;
    const planActions = (await store.readAll())
      .filter((e) => e.type === 'ActionPlanned' && (e.data as { planId: string }).planId === 'highland-cpip-2016')
      .map((e) => (e.data as { actionId: string }).actionId);

    expect(ofKind(graph, 'decision').map((n) => n.entityId)).toEqual(['highland-cog-2016-04-21']);
    expect(planActions.length).toBeGreaterThan(5);
    expect(ofKind(graph, 'action').map((n) => n.entityId)).toEqual(planActions);
    expect(edgeList(graph)).toContain(`activity:highland-planning-session-1 -followed_by-> action:${planActions[0]}`);
  });

  it('scans the log a page at a time and finds the same decisions and actions whatever the page size', async () => {
    for (const activityId of ['rc-joint-workshop', 'highland-planning-session-1']) {
      const paged = await readActivityTrace(store, activityId, new TraceLinks(7));
      expect(activityTrace(paged as NonNullable<typeof paged>)).toEqual(await traceActivity(store, activityId));
    }
  });

  it('reads the log as of one position: what was appended after it is left out', async () => {
    const recorded = (await store.readStream(`decision-${board}`))[0];
    // A store whose head is the decision's first event: as if the links were appended while the trace was read.
    const earlier: EventStore = Object.assign(Object.create(store) as EventStore, { headPosition: async () => recorded?.position ?? 0 });
    const graph = decisionTrace((await readDecisionTrace(earlier, board)) as NonNullable<Awaited<ReturnType<typeof readDecisionTrace>>>);

    expect(graph.asOf).toBe(recorded?.position);
    expect(graph.nodes.map((n) => n.id)).toEqual([`decision:${board}`]);
    expect(graph.nodes[0]?.events.map((e) => e.type)).toEqual(['DecisionRecorded']);
  });

  it('finds nothing to trace for a decision or activity the log does not hold', async () => {
    expect(await traceDecision(store, 'no-such-decision')).toBeNull();
    expect(await traceActivity(store, 'no-such-activity')).toBeNull();
  });

  it('given an earlier trace, when an action naming the decision is recorded, then both traces reach it', async () => {
    // The demo's seven recommendation actions already carry out the Board's endorsement.
    const before = ofKind((await traceDecision(store, board)) as TraceGraph, 'action').map((n) => n.entityId);
    expect(before).toHaveLength(7);
    const actor = { id: 'officer@redcar', role: 'officer' as const, organisationId: 'redcar-council' };
    const planId = 'rc-capacity-building-follow-up';
    await ledger.app.ledger.execute({ type: 'AdoptPlan', data: { planId, title: 'Capacity building: work to October', kind: 'action_plan', adoptedOn: '2007-06-01' } }, { actor });
    const what = 'An annual calendar of engagement, listing the consultations that occur each year';
    await ledger.app.ledger.execute({ type: 'PlanAction', data: { actionId: 'rc-calendar', planId, what, lead: 'Coordination Team', decisionId: board } }, { actor });

    const back = (await traceDecision(store, board)) as TraceGraph;
    expect(ofKind(back, 'action').map((n) => n.entityId).sort()).toEqual([...before, 'rc-calendar'].sort());
    expect(edgeList(back)).toContain(`decision:${board} -carried_out_by-> action:rc-calendar`);
    const forward = (await traceActivity(store, 'rc-joint-workshop')) as TraceGraph;
    expect(edgeList(forward)).toContain(`decision:${board} -carried_out_by-> action:rc-calendar`);
  });
});

// ---------------------------------------------------------------------------------------------
// Over HTTP: the same expectations against any server that registers traceRoutes.

interface Reply {
  status: number;
  contentType: string;
  text: string;
}
type Get = (path: string, headers?: Record<string, string>) => Promise<Reply>;
const json = (reply: Reply) => JSON.parse(reply.text);

function itServesTheTraces(get: () => Get): void {
  it('answers the decision’s trace as JSON', async () => {
    const reply = await get()(`/v1/trace/decisions/${board}`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/);
    expectTheBoardTrace(json(reply));
  });

  it('answers Mermaid text for ?format=mermaid, naming the four workshops', async () => {
    const reply = await get()(`/v1/trace/decisions/${board}?format=mermaid`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.contentType).toBe('text/plain; charset=utf-8');
    const lines = reply.text.split('\n');
    expect(lines[1]).toBe('flowchart RL');
    for (const workshop of workshops) expect(lines.some((l) => l.includes(`(["Activity ${workshop}<br/>`))).toBe(true);
    expect(reply.text).toContain('Community Anchor Organisations Workshop');
    expect(reply.text).toContain(`influence_link_rc_partnership_board_2007_05_25_rc_link_4 -->|fed| decision_rc_partnership_board_2007_05_25`);
  });

  it('answers Mermaid for Accept: text/vnd.mermaid, and JSON again for ?format=json', async () => {
    const mermaid = await get()('/v1/trace/activities/rc-joint-workshop', { accept: 'text/vnd.mermaid' });
    expect(mermaid.status, mermaid.text).toBe(200);
    expect(mermaid.contentType).toBe('text/vnd.mermaid; charset=utf-8');
    expect(mermaid.text.split('\n')[1]).toBe('flowchart LR');
    expect(mermaid.text).toContain(`decision_${board.replaceAll('-', '_')}{{"Decision ${board}<br/>`);

    const asked = await get()('/v1/trace/activities/rc-joint-workshop?format=json', { accept: 'text/vnd.mermaid' });
    expect(asked.contentType).toMatch(/^application\/json/);
    expect(json(asked).nodes.map((n: TraceNode) => n.id)).toContain(`decision:${board}`);
  });

  it('answers 404 with the missing entity’s code when the root is not in the log', async () => {
    const decision = await get()('/v1/trace/decisions/no-such-decision?format=mermaid');
    expect(decision.status).toBe(404);
    expect(json(decision).error).toMatchObject({ code: 'DECISION_NOT_FOUND', details: { decisionId: 'no-such-decision' } });
    const activity = await get()('/v1/trace/activities/no-such-activity');
    expect(activity.status).toBe(404);
    expect(json(activity).error.code).toBe('ACTIVITY_NOT_FOUND');
  });

  it('refuses a malformed id or format with 400 and the field path', async () => {
    const badId = await get()('/v1/trace/decisions/not.an.id');
    expect(badId.status).toBe(400);
    expect(json(badId).error.details.issues[0].path).toBe('params.decisionId');
    const badFormat = await get()(`/v1/trace/decisions/${board}?format=svg`);
    expect(badFormat.status).toBe(400);
    expect(json(badFormat).error.details.issues[0].path).toBe('querystring.format');
  });
}

async function traceServer(from: EventStore): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await app.register(swagger, { openapi: { info: { title: 'trace', version: '1' } }, transform: jsonSchemaTransform });
  traceRoutes(app, { store: from });
  await app.ready();
  return app;
}

describe('GET /v1/trace on a fastify instance of its own', async () => {
  const app = await traceServer(store);
  const inject: Get = async (url, headers = {}) => {
    const reply = await app.inject({ method: 'GET', url, headers });
    return { status: reply.statusCode, contentType: String(reply.headers['content-type'] ?? ''), text: reply.body };
  };
  itServesTheTraces(() => inject);

  it('documents both routes in OpenAPI, with the JSON graph and the Mermaid text', () => {
    const doc = app.swagger() as { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    for (const path of ['/v1/trace/decisions/{decisionId}', '/v1/trace/activities/{activityId}']) {
      const content = doc.paths[path]?.get.responses['200']?.content ?? {};
      expect(Object.keys(content)).toEqual(['application/json', 'text/plain', 'text/vnd.mermaid']);
      expect(JSON.stringify(content['application/json'])).toContain('asOf');
    }
  });
});

describe('GET /v1/trace through the ledger server', async () => {
  const tokens = new Map<Role, string>([
    ['admin', ledger.adminToken],
    ['auditor', await ledger.tokenFor('auditor')],
    ['scrutiny', await ledger.tokenFor('scrutiny')],
    ['officer', await ledger.tokenFor('officer', 'halton-borough-council')],
  ]);
  const as =
    (role: Role): Get =>
    async (path, headers = {}) => {
      const response = await fetch(ledger.url + path, { headers: { authorization: `Bearer ${tokens.get(role)}`, ...headers } });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
    };
  itServesTheTraces(() => as('auditor'));

  it('lets every role read a trace, and nobody without a token', async () => {
    for (const role of tokens.keys()) {
      for (const path of [`/v1/trace/decisions/${board}`, '/v1/trace/activities/rc-joint-workshop']) expect((await as(role)(path)).status, `${role} ${path}`).toBe(200);
    }
    const anonymous = await ledger.call('GET', `/v1/trace/decisions/${board}`);
    expect(anonymous.status).toBe(401);
  });

  it('answers the decision’s trace byte for byte as its graph serialised', async () => {
    const reply = await as('auditor')(`/v1/trace/decisions/${board}`);
    expect(reply.text).toBe(JSON.stringify(await traceDecision(store, board)));
  });

  it('reveals a trace’s sealed responses on the graph and serialises it once: the answer is never parsed again', async () => {
    const officer = await ledger.tokenFor('officer', 'halton-borough-council');
    const planned = await ledger.call('POST', '/v1/activities', {
      token: officer,
      body: { title: 'Ferry timetable survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-28' } },
    });
    const activityId = planned.body.createdId as string;
    await ledger.call('POST', `/v1/activities/${activityId}/open`, { token: officer, body: { openedOn: '2026-01-05' } });
    const says = 'I live on Ferry Lane and the 7:10 never runs';
    const recorded = await ledger.call('POST', `/v1/activities/${activityId}/feedback`, {
      token: officer,
      body: { responses: [{ kind: 'response', receivedOn: '2026-01-10', text: says, respondent: { name: 'Ann Example', contact: 'ann@example.org' } }] },
    });
    expect(recorded.status).toBe(200);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const reply = await as('auditor')(`/v1/trace/activities/${activityId}`);
      expect(reply.status).toBe(200);
      expect(reply.text).toContain(says);
      expect(reply.text).not.toContain('aes-256-gcm');
      // The personal-data backstop parses an answer only when it still holds an envelope.
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.startsWith('{"root":'))).toEqual([]);
    } finally {
      parse.mockRestore();
    }
    const scrutiny = await as('scrutiny')(`/v1/trace/activities/${activityId}`);
    expect(scrutiny.text).toContain('"withheld":true');
    expect(scrutiny.text).not.toContain(says);
  });

  it('lists both routes in the server’s OpenAPI document', async () => {
    const doc = await ledger.call('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/trace/decisions/{decisionId}', '/v1/trace/activities/{activityId}']));
  });
});

describe('the trace of a decision citing a consultation with many responses', async () => {
  const app = await traceServer(store);
  const get = async (url: string) => {
    const reply = await app.inject({ method: 'GET', url });
    return { status: reply.statusCode, body: JSON.parse(reply.body) };
  };
  const actor = { id: 'officer@redcar', role: 'officer' as const, organisationId: 'redcar-council' };
  const activityId = 'rc-budget-survey';
  await ledger.app.ledger.execute(
    { type: 'PlanActivity', data: { activityId, title: 'Budget survey', category: 'consultation', method: 'survey', window: { opens: '2007-09-01', closes: '2007-10-31' } } },
    { actor },
  );
  await ledger.app.ledger.execute({ type: 'OpenActivity', data: { activityId, openedOn: '2007-09-01' } }, { actor });
  for (let batch = 0; batch < 5; batch++) {
    const responses = Array.from({ length: 500 }, (_, i) => ({ ...response(`budget-${batch * 500 + i + 1}`, '2007-09-15'), activityId }));
    await ledger.app.ledger.execute({ type: 'RecordFeedback', data: { activityId, responses } }, { actor });
  }
  await ledger.app.ledger.execute({ type: 'RecordDecision', data: { decisionId: 'rc-budget-2008', body: 'Cabinet', decidedOn: '2007-11-20', title: 'Budget 2008', outcome: 'Adopted.', outcomeKind: 'approved' } }, { actor });
  await ledger.app.ledger.execute(
    { type: 'LinkInfluence', data: { decisionId: 'rc-budget-2008', linkId: 'whole', source: { kind: 'activity', activityId }, influence: 'confirmed', rationale: 'The survey as a whole.' } },
    { actor },
  );
  const url = '/v1/trace/decisions/rc-budget-2008';
  const feedbackOf = (graph: TraceGraph) => graph.nodes.find((n) => n.kind === 'feedback') as TraceNode;

  it('summarises the responses: every one counted, the first and last listed with their events', async () => {
    const reply = await get(url);
    expect(reply.status).toBe(200);
    const feedback = feedbackOf(reply.body);
    expect(feedback.feedback).toMatchObject({ responses: 2_500, respondents: 2_500, redacted: 0, events: 2_500, listed: 'summary', ids: ['budget-1', 'budget-2500'], next: null });
    expect(feedback.feedback?.first).toMatchObject({ feedbackId: 'budget-1', position: feedback.events[0]?.position });
    expect(feedback.feedback?.last).toMatchObject({ feedbackId: 'budget-2500', position: feedback.events[1]?.position });
    expect(feedback.events.map((e) => e.type)).toEqual(['FeedbackReceived', 'FeedbackReceived']);
    await expectProvenanceFromTheLog(reply.body, store);
  });

  it('lists every response with ?feedback=all, at most a page a request, following next', async () => {
    const ids: string[] = [];
    const pages: number[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const reply = await get(`${url}?feedback=all&feedbackAfter=${after}`);
      expect(reply.status).toBe(200);
      const { feedback, events } = feedbackOf(reply.body);
      expect(events).toHaveLength(feedback?.ids.length ?? -1);
      ids.push(...(feedback?.ids ?? []));
      pages.push(feedback?.ids.length ?? 0);
      after = feedback?.next ?? null;
    }
    expect(pages).toEqual([TRACE_FEEDBACK_PAGE, TRACE_FEEDBACK_PAGE, 500]);
    expect(new Set(ids).size).toBe(2_500);
  });

  it('reads a consultation it has traced again only from where it stopped, and the events of the responses it lists', async () => {
    const read: number[] = [];
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: async (streamId: string, options?: Parameters<EventStore['readStream']>[1]) => {
        const events = await store.readStream(streamId, options);
        if (streamId === `activity-${activityId}`) read.push(events.length);
        return events;
      },
    });
    await traceDecision(counting, 'rc-budget-2008');
    expect(read.reduce((a, b) => a + b, 0)).toBeGreaterThan(2_500);

    read.length = 0;
    const again = (await traceDecision(counting, 'rc-budget-2008')) as TraceGraph;
    // Nothing new in the stream, and the first and last responses' events: never the 2,500 again.
    expect(read).toEqual([0, 1, 1]);
    expect(feedbackOf(again).feedback).toMatchObject({ responses: 2_500, ids: ['budget-1', 'budget-2500'] });

    // Those two are kept in hand with the digest: a third trace reads only whether the stream grew.
    read.length = 0;
    const third = (await traceDecision(counting, 'rc-budget-2008')) as TraceGraph;
    expect(read).toEqual([0]);
    expect(JSON.stringify(third)).toBe(JSON.stringify(again));
  });

  it('counts a response appended after the trace’s log position only in a later trace', async () => {
    await traceDecision(store, 'rc-budget-2008');
    const head = await store.headPosition();
    await ledger.app.ledger.execute({ type: 'RecordFeedback', data: { activityId, responses: [{ ...response('budget-late', '2007-10-30'), activityId }] } }, { actor });
    const earlier: EventStore = Object.assign(Object.create(store) as EventStore, { headPosition: async () => head });

    expect(feedbackOf((await traceDecision(earlier, 'rc-budget-2008')) as TraceGraph).feedback).toMatchObject({ responses: 2_500, last: { feedbackId: 'budget-2500' } });
    expect(feedbackOf((await traceDecision(store, 'rc-budget-2008')) as TraceGraph).feedback).toMatchObject({ responses: 2_501, last: { feedbackId: 'budget-late' } });
  });

  it('refuses an unknown feedback listing or a negative position with 400 and the field path', async () => {
    const listing = await get(`${url}?feedback=everything`);
    expect(listing.status).toBe(400);
    expect(listing.body.error.details.issues[0].path).toBe('querystring.feedback');
    const after = await get(`${url}?feedback=all&feedbackAfter=-1`);
    expect(after.status).toBe(400);
    expect(after.body.error.details.issues[0].path).toBe('querystring.feedbackAfter');
  });
});
