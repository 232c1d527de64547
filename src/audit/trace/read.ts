// Gathering a trace's events from the log, through the EventStore port only: an audit trace
// comes from the log itself, never from a read model, so it is exact and carries the hashes.
//
// A trace is read as of one log position (the head when reading starts): events appended while
// it is read are left out, so the graph is one consistent cut of the log, named by `asOf`.
//
// The graph reads an activity's feedback through its digest (feedback.ts) and only the events of
// the responses it lists; an export (readDecisionTrace) reads every stream whole.

import { actionStream } from '../../domain/aggregates/action.js';
import { activityStream } from '../../domain/aggregates/activity.js';
import { decisionStream } from '../../domain/aggregates/decision.js';
import { readStoredEvent } from '../../domain/events/catalogue.js';
import type { EventStore, RecordedEvent } from '../../store/port.js';
import {
  actionFollows,
  activityTrace,
  feedbackListedInActivityTrace,
  planDecisionTrace,
  planServedBy,
  type ActivityStream,
  type ActivityTraceInput,
  type DecisionTraceInput,
} from './assemble.js';
import { activityDigestsOf, feedbackEventsOf, type ActivityDigest, type ActivityDigests, type FeedbackRecord } from './feedback.js';
import { FEEDBACK_SUMMARY, type FeedbackListing, type TraceGraph } from './graph.js';
import { traceLinksOf, type TraceLinks } from './links.js';

async function readUpTo(store: EventStore, streamId: string, asOf: number): Promise<RecordedEvent[]> {
  return (await store.readStream(streamId)).filter((event) => event.position <= asOf);
}

async function readStreams(store: EventStore, ids: Iterable<string>, stream: (id: string) => string, asOf: number): Promise<Map<string, RecordedEvent[]>> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const id of ids) {
    const events = await readUpTo(store, stream(id), asOf);
    if (events.length > 0) streams.set(id, events);
  }
  return streams;
}

/** A decision's trace input with every stream read whole: what an export proves, event by event. */
export type WholeStreams = Omit<DecisionTraceInput, 'activities'> & { activities: ReadonlyMap<string, readonly RecordedEvent[]> };

/** How an activity's stream is read: whole, or through its digest. */
type ActivityReader = (store: EventStore, activityId: string, asOf: number) => Promise<ActivityStream | null>;

const wholeStream: ActivityReader = async (store, activityId, asOf) => {
  const events = await readUpTo(store, activityStream(activityId), asOf);
  return events.length > 0 ? events : null;
};

const throughDigest =
  (digests: ActivityDigests): ActivityReader =>
  async (store, activityId, asOf) => {
    const digest = await digests.read(store, activityStream(activityId), asOf);
    return digest.events.length > 0 || digest.feedback.size > 0 ? digest : null;
  };

/** The events of the responses to be listed, read into a copy of each digest (a kept digest is shared). */
async function withListedEvents(store: EventStore, activityId: string, stream: ActivityStream, listed: readonly FeedbackRecord[]): Promise<ActivityStream> {
  if (Array.isArray(stream)) return stream;
  const digest = stream as ActivityDigest;
  const events = await feedbackEventsOf(store, activityStream(activityId), digest, listed);
  return { ...digest, feedbackEvents: new Map(events.map((e) => [e.revision, e])) };
}

/**
 * A decision's stream, the streams of every activity its links cite (withdrawn links too), and
 * of the actions that carry it out; null when there is no such decision.
 */
export async function readDecisionTrace(store: EventStore, decisionId: string, links = traceLinksOf(store)): Promise<WholeStreams | null> {
  // Read whole, every activity's stream is an array of its events.
  return (await readDecision(store, decisionId, links, wholeStream)) as WholeStreams | null;
}

async function readDecision(store: EventStore, decisionId: string, links: TraceLinks, readActivity: ActivityReader): Promise<DecisionTraceInput | null> {
  const asOf = await store.headPosition();
  const decision = await readUpTo(store, decisionStream(decisionId), asOf);
  if (decision.length === 0) return null;
  const cited = new Set<string>();
  for (const recorded of decision) {
    if (recorded.type !== 'InfluenceLinked') continue;
    const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
    if (event.type === 'InfluenceLinked') cited.add(event.data.source.activityId);
  }
  await links.catchUp(store, asOf);
  return {
    decisionId,
    asOf,
    decision,
    activities: await readActivities(store, cited, asOf, readActivity),
    actions: await readStreams(store, links.carryingOut(decisionId), actionStream, asOf),
  };
}

/**
 * An activity's stream, the decisions that cite it or that its participants were told of, the
 * actions of the plan (and objective) it serves and the actions carrying out those decisions;
 * null when there is no such activity. Which decisions and actions those are comes from the log
 * (links.ts): the first trace of a process reads its linking events once.
 */
export async function readActivityTrace(store: EventStore, activityId: string, links = traceLinksOf(store), readActivity = wholeStream): Promise<ActivityTraceInput | null> {
  const asOf = await store.headPosition();
  const activity = await readActivity(store, activityId, asOf);
  if (!activity) return null;
  await links.catchUp(store, asOf);
  const decisionIds = new Set(links.citing(activityId));
  for (const recorded of Array.isArray(activity) ? (activity as readonly RecordedEvent[]) : (activity as ActivityDigest).events) {
    if (recorded.type !== 'FeedbackGivenToParticipants') continue;
    const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
    if (event.type === 'FeedbackGivenToParticipants') for (const id of event.data.decisionIds) decisionIds.add(id);
  }
  const plan = planServedBy(activity);
  const ofPlan = plan ? links.ofPlan(plan.planId).filter((action) => actionFollows({ ...action, planId: plan.planId }, plan)) : [];
  const actionIds = new Set(ofPlan.map((action) => action.actionId));
  for (const decisionId of decisionIds) for (const actionId of links.carryingOut(decisionId)) actionIds.add(actionId);
  return {
    activityId,
    asOf,
    activity,
    decisions: await readStreams(store, decisionIds, decisionStream, asOf),
    actions: await readStreams(store, actionIds, actionStream, asOf),
  };
}

async function readActivities(store: EventStore, ids: Iterable<string>, asOf: number, readActivity: ActivityReader): Promise<Map<string, ActivityStream>> {
  const streams = new Map<string, ActivityStream>();
  for (const id of ids) {
    const stream = await readActivity(store, id, asOf);
    if (stream) streams.set(id, stream);
  }
  return streams;
}

/** The trace back from a decision, or null when there is no such decision. */
export async function traceDecision(store: EventStore, decisionId: string, listing: FeedbackListing = FEEDBACK_SUMMARY): Promise<TraceGraph | null> {
  const input = await readDecision(store, decisionId, traceLinksOf(store), throughDigest(activityDigestsOf(store)));
  if (!input) return null;
  const plan = planDecisionTrace(input, listing);
  const events = new Map<string, RecordedEvent[]>();
  for (const [activityId, listed] of plan.listed) {
    const stream = input.activities.get(activityId);
    if (stream && !Array.isArray(stream)) events.set(activityId, await feedbackEventsOf(store, activityStream(activityId), stream as ActivityDigest, listed));
  }
  return plan.assemble(events);
}

/** The trace forward from an activity, or null when there is no such activity. */
export async function traceActivity(store: EventStore, activityId: string, listing: FeedbackListing = FEEDBACK_SUMMARY): Promise<TraceGraph | null> {
  const input = await readActivityTrace(store, activityId, traceLinksOf(store), throughDigest(activityDigestsOf(store)));
  if (!input) return null;
  const activity = await withListedEvents(store, activityId, input.activity, feedbackListedInActivityTrace(input, listing));
  return activityTrace({ ...input, activity }, listing);
}
