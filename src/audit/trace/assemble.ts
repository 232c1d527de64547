// Pure graph assembly: streams' recorded events in, a trace graph out. No store, no clock.
// read.ts gathers the events; this file decides what they show.
//
// Each stream is split among the nodes its events belong to: an activity stream gives the
// activity (its lifecycle events), its feedback, each finding and each "you said, we did";
// a decision stream gives the decision and each influence link. Corrections stay with the
// node they correct, and withdrawn links, findings and actions stay in the graph, marked.

import { withProvenance } from '../../ledger/provenance.js';
import { readStoredEvent, type EventData, type LedgerEvent } from '../../domain/events/catalogue.js';
import type { InfluenceSource } from '../../domain/events/decision.js';
import { actionView, type ActionView } from '../../projections/entities/action-view.js';
import { activityView, type ActivityView } from '../../projections/entities/activity-view.js';
import { decisionView, type DecisionView } from '../../projections/entities/decision-view.js';
import type { RecordedEvent } from '../../store/port.js';
import { countFeedback, countsOf, digestOf, receivedAt, revisionsOf, type ActivityDigest, type FeedbackCounts, type FeedbackRecord } from './feedback.js';
import { FEEDBACK_SUMMARY, TRACE_FEEDBACK_PAGE, type FeedbackEnd, type FeedbackListing, type TraceEdge, type TraceEdgeKind, type TraceGraph, type TraceNode, type TraceNodeKind } from './graph.js';

/** An activity's stream as read whole, or digested (feedback.ts). */
export type ActivityStream = readonly RecordedEvent[] | ActivityDigest;

/** What a decision's trace is built from: its stream, and the streams of the activities it cites and of the actions carrying it out. */
export interface DecisionTraceInput {
  decisionId: string;
  asOf: number;
  decision: readonly RecordedEvent[];
  activities: ReadonlyMap<string, ActivityStream>;
  /** Actions to consider; only those that name this decision appear. */
  actions: ReadonlyMap<string, readonly RecordedEvent[]>;
}

/** What an activity's trace is built from: its stream, and the decisions and actions that may have followed it. */
export interface ActivityTraceInput {
  activityId: string;
  asOf: number;
  activity: ActivityStream;
  /** Decisions to consider; only those that cite the activity (or that its participants were told of) appear. */
  decisions: ReadonlyMap<string, readonly RecordedEvent[]>;
  /** Actions to consider; only those of the plan (and objective) the activity serves, or carrying out a decision in the trace, appear. */
  actions: ReadonlyMap<string, readonly RecordedEvent[]>;
}

// ---------------------------------------------------------------------------------------------
// Who follows whom: shared with read.ts, so the log scan and the assembly agree.

/** The plan, and objective where it names one, an activity serves as it now reads. */
export interface PlanServed {
  planId: string;
  objectiveId: string | null;
}

export function planServed(view: ActivityView): PlanServed | null {
  const planId = view.planned?.planId;
  return planId ? { planId, objectiveId: view.planned?.objectiveId ?? null } : null;
}

export function planServedBy(activity: ActivityStream): PlanServed | null {
  return planServed(activityView(typed(digested(activity).events).map((t) => t.event)));
}

/** An action follows an activity when it belongs to the plan the activity serves, and to its objective when the activity names one. */
export function actionFollows(planned: { planId: string; objectiveId?: string | null | undefined }, plan: PlanServed): boolean {
  return planned.planId === plan.planId && (plan.objectiveId === null || planned.objectiveId === plan.objectiveId);
}

/** An action carries out a decision when it names it. */
export function actionCarriesOut(planned: Pick<EventData<'ActionPlanned'>, 'decisionId'>, decisionId: string): boolean {
  return planned.decisionId === decisionId;
}

export function linkCites(link: Pick<EventData<'InfluenceLinked'>, 'source'>, activityId: string): boolean {
  return link.source.activityId === activityId;
}

// ---------------------------------------------------------------------------------------------
// Streams, split among their nodes.

interface Typed {
  recorded: RecordedEvent;
  event: LedgerEvent;
}

/** Older versions are read through the upcasters, as everywhere else. */
function typed(events: readonly RecordedEvent[]): Typed[] {
  return events.map((recorded) => ({ recorded, event: readStoredEvent(recorded.type, recorded.version, recorded.data) }));
}

type Withdrawal = NonNullable<TraceNode['withdrawn']>;

interface FindingPart {
  events: RecordedEvent[];
  withdrawn: Withdrawal | null;
  /** Every response it has summarised, amendments included: evidence once cited is not hidden. */
  feedbackIds: Set<string>;
}

interface Told {
  recorded: RecordedEvent;
  data: EventData<'FeedbackGivenToParticipants'>;
}

interface ActivityParts {
  activityId: string;
  view: ActivityView;
  lifecycle: RecordedEvent[];
  digest: ActivityDigest;
  /** A feedback event by revision: the digest's in hand, or one read for the responses listed. */
  inHand(revision: number): RecordedEvent | undefined;
  findings: Map<string, FindingPart>;
  told: Told[];
}

const digested = (stream: ActivityStream): ActivityDigest => (Array.isArray(stream) ? digestOf(stream as readonly RecordedEvent[]) : (stream as ActivityDigest));

/** Its feedback is counted from the digest; the activity, its findings and when participants were told from its other events. */
function activityParts(activityId: string, stream: ActivityStream): ActivityParts {
  const digest = digested(stream);
  const all = typed(digest.events);
  const parts: ActivityParts = {
    activityId,
    view: activityView(all.map((t) => t.event)),
    lifecycle: [],
    digest,
    inHand: (revision) => digest.feedbackEvents.get(revision),
    findings: new Map(),
    told: [],
  };
  const findingOf = (findingId: string): FindingPart => {
    const known = parts.findings.get(findingId) ?? { events: [], withdrawn: null, feedbackIds: new Set<string>() };
    parts.findings.set(findingId, known);
    return known;
  };
  for (const { recorded, event } of all) {
    switch (event.type) {
      case 'FindingRecorded':
      case 'FindingAmended': {
        const finding = findingOf(event.data.findingId);
        finding.events.push(recorded);
        for (const id of event.data.feedbackIds ?? []) finding.feedbackIds.add(id);
        break;
      }
      case 'FindingWithdrawn': {
        const finding = findingOf(event.data.findingId);
        finding.events.push(recorded);
        finding.withdrawn = { reason: event.data.reason, eventId: recorded.id };
        break;
      }
      case 'FeedbackGivenToParticipants':
        parts.told.push({ recorded, data: event.data });
        break;
      default:
        // Everything else in an activity's stream is the activity's own: planned, amended, opened, closed...
        parts.lifecycle.push(recorded);
    }
  }
  return parts;
}

interface LinkPart {
  linkId: string;
  source: InfluenceSource;
  influence: EventData<'InfluenceLinked'>['influence'];
  events: RecordedEvent[];
  withdrawn: Withdrawal | null;
}

interface DecisionParts {
  decisionId: string;
  view: DecisionView;
  own: RecordedEvent[];
  links: LinkPart[];
}

function decisionParts(decisionId: string, events: readonly RecordedEvent[]): DecisionParts {
  const all = typed(events);
  const parts: DecisionParts = { decisionId, view: decisionView(all.map((t) => t.event)), own: [], links: [] };
  for (const { recorded, event } of all) {
    if (event.type === 'InfluenceLinked') {
      const { linkId, source, influence } = event.data;
      parts.links.push({ linkId, source, influence, events: [recorded], withdrawn: null });
    } else if (event.type === 'InfluenceLinkWithdrawn') {
      const link = parts.links.find((l) => l.linkId === event.data.linkId);
      if (link) {
        link.events.push(recorded);
        link.withdrawn = { reason: event.data.reason, eventId: recorded.id };
      }
    } else {
      parts.own.push(recorded);
    }
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Nodes. Labels are plain text, one fact a line; toMermaid escapes them. A label never repeats
// feedback text or who gave it: that stays in the events, as the entity history shows them.

const traceNodeId = {
  decision: (decisionId: string) => `decision:${decisionId}`,
  link: (decisionId: string, linkId: string) => `influence_link:${decisionId}/${linkId}`,
  activity: (activityId: string) => `activity:${activityId}`,
  feedback: (activityId: string) => `feedback:${activityId}`,
  finding: (activityId: string, findingId: string) => `finding:${activityId}/${findingId}`,
  told: (eventId: string) => `feedback_to_participants:${eventId}`,
  action: (actionId: string) => `action:${actionId}`,
};

function node(
  kind: TraceNodeKind,
  id: string,
  entity: { entityId: string; parentId?: string; organisationId: string | null | undefined },
  label: readonly (string | null | undefined | false)[],
  events: readonly RecordedEvent[],
  more: Pick<Partial<TraceNode>, 'withdrawn' | 'feedback'> = {},
): TraceNode {
  return {
    id,
    kind,
    entityId: entity.entityId,
    parentId: entity.parentId ?? null,
    organisationId: entity.organisationId ?? null,
    label: [...label, recordedFrom(events)].filter((line): line is string => typeof line === 'string' && line.length > 0).join('\n'),
    withdrawn: more.withdrawn ?? null,
    ...(more.feedback ? { feedback: more.feedback } : {}),
    events: events.map(withProvenance),
  };
}

/** The document the node's first sourced event was recorded from, as one line; each event carries its own in full. */
function recordedFrom(events: readonly RecordedEvent[]): string | null {
  const source = events.find((e) => e.metadata.source)?.metadata.source;
  return source ? `Recorded from: ${[source.title, source.section].filter(Boolean).join(', ')}` : null;
}

/** One line of at most `max` characters, for long free text (an action's "what"). */
function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const NOT_IN_LOG = 'not in the log';
const words = (value: string) => value.replaceAll('_', ' ');
const withdrawnLine = (withdrawn: Withdrawal | null) => withdrawn !== null && 'WITHDRAWN';

/** What the body did, as it now stands: "approved", or "recommended, then approved on 2009-09-10". */
function outcomeLine(view: DecisionView): string {
  const now = view.outcomeKind === 'not_stated' ? 'outcome not stated' : words(view.outcomeKind ?? 'not_stated');
  const last = view.decided.at(-1);
  return last ? `${words(view.recorded?.outcomeKind ?? 'recommended')}, then ${now} on ${last.decidedOn}` : now;
}

function decisionNode(decision: DecisionParts): TraceNode {
  const recorded = decision.view.recorded;
  return node(
    'decision',
    traceNodeId.decision(decision.decisionId),
    { entityId: decision.decisionId, organisationId: decision.view.recorded?.organisationId },
    [
      `Decision ${decision.decisionId}`,
      recorded?.title ?? NOT_IN_LOG,
      recorded && [recorded.body, recorded.decidedOn, recorded.reference].filter(Boolean).join(', '),
      recorded && outcomeLine(decision.view),
    ],
    decision.own,
  );
}

/**
 * A decision may cite another organisation's activity (it is evidence, and it gives that
 * organisation nothing); the link then says whose activity it cites.
 */
function linkNode(decision: DecisionParts, link: LinkPart, cited: ActivityParts): TraceNode {
  const ours = decision.view.recorded?.organisationId;
  const theirs = cited.view.planned?.organisationId;
  return node(
    'influence_link',
    traceNodeId.link(decision.decisionId, link.linkId),
    { entityId: link.linkId, parentId: decision.decisionId, organisationId: ours },
    [`Influence link ${link.linkId}`, words(link.influence), ours && theirs && ours !== theirs && `cites an activity of ${theirs}`, withdrawnLine(link.withdrawn)],
    link.events,
    { withdrawn: link.withdrawn },
  );
}

/** Whose activity it is: its organisation, and the joint partners that accepted (invited ones share nothing). */
function byLine(view: ActivityView): string | null {
  const organisationId = view.planned?.organisationId;
  if (!organisationId) return null;
  const partners = view.partners.filter((p) => p.status === 'accepted').map((p) => p.organisationId);
  return partners.length > 0 ? `by ${organisationId}, with ${partners.join(', ')}` : `by ${organisationId}`;
}

function activityNode(parts: ActivityParts): TraceNode {
  const planned = parts.view.planned;
  const window = planned && (planned.window.opens === planned.window.closes ? planned.window.opens : `${planned.window.opens} to ${planned.window.closes}`);
  return node(
    'activity',
    traceNodeId.activity(parts.activityId),
    { entityId: parts.activityId, organisationId: planned?.organisationId },
    [
      `Activity ${parts.activityId}`,
      planned?.title ?? NOT_IN_LOG,
      planned && `${words(planned.method)}, ${window}`,
      planned && byLine(parts.view),
      parts.view.status === 'cancelled' && 'CANCELLED',
    ],
    parts.lifecycle,
  );
}

function feedbackEnd(record: FeedbackRecord | undefined): FeedbackEnd | null {
  return record?.received ? { feedbackId: record.feedbackId, position: record.received.position, recordedAt: record.received.recordedAt } : null;
}

/** The responses in scope, in log order, with their counts. */
interface FeedbackInScope extends FeedbackCounts {
  has(feedbackId: string): boolean;
}

/** The responses in scope: every one of them when the scope is the whole activity (a digest holds them in log order, counted once: countsOf). */
function feedbackIn(parts: ActivityParts, scope: Scope): FeedbackInScope {
  const all = parts.digest.feedback;
  if (scope === 'all') return { ...countsOf(parts.digest), has: (id) => all.has(id) };
  const records = [...scope].flatMap((id) => all.get(id) ?? []).sort((a, b) => receivedAt(a) - receivedAt(b));
  return { ...countFeedback(records), has: (id) => scope.has(id) && all.has(id) };
}

/** Those a trace lists: the first and last, or a page after a log position (found by halving, the records being in log order). */
export function listFeedback(inScope: FeedbackInScope, listing: FeedbackListing): { listed: FeedbackRecord[]; next: number | null } {
  const { records } = inScope;
  if (listing.feedback === 'summary') {
    const [first, last] = [records[0], records.at(-1)];
    return { listed: first && last && first !== last ? [first, last] : records.slice(0, 1), next: null };
  }
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (receivedAt(records[middle] as FeedbackRecord) > listing.after) high = middle;
    else low = middle + 1;
  }
  const listed = records.slice(low, low + TRACE_FEEDBACK_PAGE);
  const last = listed.at(-1);
  return { listed, next: last && low + listed.length < records.length ? receivedAt(last) : null };
}

/**
 * A summary of the feedback in scope: counts over every response, and the events of only those
 * listed (the first and last by default, a page of them on request), so a node's size and the
 * work of showing it do not grow with the responses an activity received.
 */
function feedbackNode(parts: ActivityParts, inScope: FeedbackInScope, listing: FeedbackListing): TraceNode {
  const { listed, next } = listFeedback(inScope, listing);
  const { records, respondents, redacted } = inScope;
  const events = listed.flatMap(revisionsOf).flatMap((revision) => parts.inHand(revision) ?? []).sort((a, b) => a.position - b.position);
  const responses = records.length;
  return node(
    'feedback',
    traceNodeId.feedback(parts.activityId),
    { entityId: parts.activityId, parentId: parts.activityId, organisationId: parts.view.planned?.organisationId },
    [
      `Feedback to ${parts.activityId}`,
      `${responses} ${responses === 1 ? 'response' : 'responses'}${respondents !== responses ? `, ${respondents} people` : ''}`,
      redacted > 0 && `${redacted} redacted`,
    ],
    events,
    {
      feedback: {
        responses,
        respondents,
        redacted,
        events: inScope.events,
        first: feedbackEnd(records[0]),
        last: feedbackEnd(records.at(-1)),
        listed: listing.feedback,
        ids: listed.map((f) => f.feedbackId),
        next,
      },
    },
  );
}

function findingNode(parts: ActivityParts, findingId: string): TraceNode {
  const finding = parts.findings.get(findingId);
  const theme = parts.view.findings.find((f) => f.findingId === findingId)?.theme;
  return node(
    'finding',
    traceNodeId.finding(parts.activityId, findingId),
    { entityId: findingId, parentId: parts.activityId, organisationId: parts.view.planned?.organisationId },
    [`Finding ${findingId}`, theme ?? NOT_IN_LOG, withdrawnLine(finding?.withdrawn ?? null)],
    finding?.events ?? [],
    { withdrawn: finding?.withdrawn ?? null },
  );
}

function toldNode(parts: ActivityParts, told: Told): TraceNode {
  return node(
    'feedback_to_participants',
    traceNodeId.told(told.recorded.id),
    { entityId: told.recorded.id, parentId: parts.activityId, organisationId: parts.view.planned?.organisationId },
    ['Participants told', `${told.data.givenOn}, by ${words(told.data.channel)}`],
    [told.recorded],
  );
}

function actionNode(actionId: string, all: readonly Typed[], view: ActionView): TraceNode {
  const planned = view.planned;
  const due = planned?.targetDate ?? planned?.timescale;
  const withdrawal = view.status === 'withdrawn' ? all.findLast((t) => t.event.type === 'ActionStatusChanged' && t.event.data.to === 'withdrawn') : undefined;
  const withdrawn =
    withdrawal?.event.type === 'ActionStatusChanged' ? { reason: withdrawal.event.data.reason ?? null, eventId: withdrawal.recorded.id } : null;
  return node(
    'action',
    traceNodeId.action(actionId),
    { entityId: actionId, organisationId: planned?.organisationId },
    [`Action ${actionId}`, planned ? oneLine(planned.what) : NOT_IN_LOG, view.status && `${words(view.status)}${due ? `, due ${due}` : ''}`],
    all.map((t) => t.recorded),
    { withdrawn },
  );
}

// ---------------------------------------------------------------------------------------------
// The graph.

class GraphBuilder {
  private readonly nodes = new Map<string, TraceNode>();
  private readonly edges = new Map<string, TraceEdge>();

  add(node: TraceNode): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    return node.id;
  }

  link(from: string, to: string, kind: TraceEdgeKind): void {
    this.edges.set(`${from}\u0000${kind}\u0000${to}`, { from, to, kind });
  }

  build(root: string, direction: TraceGraph['direction'], asOf: number): TraceGraph {
    return { root, direction, asOf, nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

type Scope = 'all' | ReadonlySet<string>;

/** An activity with the findings and feedback in scope, and every time its participants were told. */
function addActivity(graph: GraphBuilder, parts: ActivityParts, scope: { findings: Scope; feedback: Scope }, listing: FeedbackListing): string {
  const activity = graph.add(activityNode(parts));
  const inScope = feedbackIn(parts, scope.feedback);
  const feedback = inScope.records.length > 0 ? graph.add(feedbackNode(parts, inScope, listing)) : null;
  if (feedback) graph.link(activity, feedback, 'received');
  const findingIds = scope.findings === 'all' ? [...parts.findings.keys()] : [...scope.findings];
  for (const findingId of findingIds) {
    const finding = graph.add(findingNode(parts, findingId));
    graph.link(activity, finding, 'found');
    const summarised = parts.findings.get(findingId)?.feedbackIds;
    if (feedback && summarised && [...summarised].some((id) => inScope.has(id))) graph.link(feedback, finding, 'summarised_in');
  }
  for (const told of parts.told) graph.link(activity, graph.add(toldNode(parts, told)), 'told');
  return activity;
}

/** A link between what it cites and its decision; adding a node already there keeps the one there, so no edge dangles. */
function addLink(graph: GraphBuilder, decision: DecisionParts, link: LinkPart, parts: ActivityParts): void {
  const { decisionId } = decision;
  const { source } = link;
  const activity = graph.add(activityNode(parts));
  let cited = activity;
  if (source.kind === 'finding') {
    cited = graph.add(findingNode(parts, source.findingId));
    graph.link(activity, cited, 'found');
  }
  const linkId = graph.add(linkNode(decision, link, parts));
  graph.link(cited, linkId, 'cited_by');
  graph.link(linkId, traceNodeId.decision(decisionId), 'fed');
}

function reportedIn(graph: GraphBuilder, decisionId: string, parts: ActivityParts): void {
  for (const told of parts.told) {
    if (told.data.decisionIds.includes(decisionId)) graph.link(traceNodeId.decision(decisionId), traceNodeId.told(told.recorded.id), 'reported_in');
  }
}

/** What a decision's links to one activity bring into its trace: the findings they cite, and the feedback those summarise (all of it when a link cites the activity itself). */
function citedScope(links: readonly LinkPart[], parts: ActivityParts): { findings: ReadonlySet<string>; feedback: Scope } {
  const findings = new Set(links.flatMap((l) => (l.source.kind === 'finding' ? [l.source.findingId] : [])));
  const feedback: Scope = links.some((l) => l.source.kind === 'activity')
    ? 'all'
    : new Set([...findings].flatMap((id) => [...(parts.findings.get(id)?.feedbackIds ?? [])]));
  return { findings, feedback };
}

function linksByActivity(decision: DecisionParts): Map<string, LinkPart[]> {
  const byActivity = new Map<string, LinkPart[]>();
  for (const link of decision.links) byActivity.set(link.source.activityId, [...(byActivity.get(link.source.activityId) ?? []), link]);
  return byActivity;
}

/** A decision's trace in two steps: which responses it lists, then (their events read) the graph. */
export interface DecisionTracePlan {
  /** The responses each cited activity's feedback node lists, so that read.ts reads their events (and only theirs). */
  listed: ReadonlyMap<string, readonly FeedbackRecord[]>;
  /** The graph, given the listed responses' events by activity (those in hand need not be given). */
  assemble(events: ReadonlyMap<string, readonly RecordedEvent[]>): TraceGraph;
}

/** Each stream is split into its parts once, for both steps. */
export function planDecisionTrace(input: DecisionTraceInput, listing: FeedbackListing = FEEDBACK_SUMMARY): DecisionTracePlan {
  const decision = decisionParts(input.decisionId, input.decision);
  const cited = [...linksByActivity(decision)].map(([activityId, links]) => {
    const parts = activityParts(activityId, input.activities.get(activityId) ?? []);
    return { activityId, links, parts, scope: citedScope(links, parts) };
  });
  return {
    listed: new Map(cited.map(({ activityId, parts, scope }) => [activityId, listFeedback(feedbackIn(parts, scope.feedback), listing).listed])),
    assemble(events) {
      const graph = new GraphBuilder();
      const root = graph.add(decisionNode(decision));
      for (const { activityId, links, parts: own, scope } of cited) {
        const read = new Map((events.get(activityId) ?? []).map((e) => [e.revision, e]));
        const parts: ActivityParts = read.size > 0 ? { ...own, inHand: (revision) => read.get(revision) ?? own.inHand(revision) } : own;
        addActivity(graph, parts, scope, listing);
        for (const link of links) addLink(graph, decision, link, parts);
        reportedIn(graph, input.decisionId, parts);
      }
      addActionsCarryingOut(graph, [input.decisionId], input.actions);
      return graph.build(root, 'back', input.asOf);
    },
  };
}

/** The responses an activity's trace will list. */
export function feedbackListedInActivityTrace(input: ActivityTraceInput, listing: FeedbackListing): FeedbackRecord[] {
  return listFeedback(feedbackIn(activityParts(input.activityId, input.activity), 'all'), listing).listed;
}

/**
 * Back from a decision: its influence links (withdrawn ones marked), what each cites (a finding,
 * or a whole activity), the feedback those findings summarise (all of an activity's feedback when
 * the activity itself is cited), the activities, and when their participants were told; and
 * forward to the actions that carry the decision out. Every listed response's events in hand.
 */
export function decisionTrace(input: DecisionTraceInput, listing: FeedbackListing = FEEDBACK_SUMMARY): TraceGraph {
  return planDecisionTrace(input, listing).assemble(new Map());
}

/** The actions, among those given, that name one of the decisions as the one they carry out: the "we did" after "you said". */
function addActionsCarryingOut(graph: GraphBuilder, decisionIds: Iterable<string>, actions: ReadonlyMap<string, readonly RecordedEvent[]>): void {
  const decisions = new Set(decisionIds);
  for (const [actionId, events] of actions) {
    const all = typed(events);
    const view = actionView(all.map((t) => t.event));
    const decisionId = view.planned?.decisionId;
    if (decisionId && decisions.has(decisionId)) graph.link(traceNodeId.decision(decisionId), graph.add(actionNode(actionId, all, view)), 'carried_out_by');
  }
}

/**
 * Forward from an activity: its feedback and findings, the decisions that cite it or its findings
 * (through those links only), when its participants were told (and of which decisions), the
 * actions of the plan and objective it serves, and, through each decision, the actions carrying it out.
 */
export function activityTrace(input: ActivityTraceInput, listing: FeedbackListing = FEEDBACK_SUMMARY): TraceGraph {
  const parts = activityParts(input.activityId, input.activity);
  const graph = new GraphBuilder();
  const root = addActivity(graph, parts, { findings: 'all', feedback: 'all' }, listing);
  const toldOf = new Set(parts.told.flatMap((t) => t.data.decisionIds));
  const decisionsShown: string[] = [];

  for (const [decisionId, events] of input.decisions) {
    const decision = decisionParts(decisionId, events);
    const links = decision.links.filter((l) => linkCites(l, input.activityId));
    if (events.length === 0 || (links.length === 0 && !toldOf.has(decisionId))) continue;
    graph.add(decisionNode(decision));
    decisionsShown.push(decisionId);
    for (const link of links) addLink(graph, decision, link, parts);
    reportedIn(graph, decisionId, parts);
  }

  const plan = planServed(parts.view);
  for (const [actionId, events] of input.actions) {
    const all = typed(events);
    const view = actionView(all.map((t) => t.event));
    if (plan && view.planned && actionFollows(view.planned, plan)) graph.link(root, graph.add(actionNode(actionId, all, view)), 'followed_by');
  }
  addActionsCarryingOut(graph, decisionsShown, input.actions);
  return graph.build(root, 'forward', input.asOf);
}
