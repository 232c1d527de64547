// Gathering a trace's events from the log, through the EventStore port only: an audit trace
// comes from the log itself, never from a read model, so it is exact and carries the hashes.
//
// A trace is read as of one log position (the head when reading starts): events appended while
// it is read are left out, so the graph is one consistent cut of the log, named by `asOf`.

import { actionStream } from '../../domain/aggregates/action.js';
import { activityStream } from '../../domain/aggregates/activity.js';
import { decisionStream } from '../../domain/aggregates/decision.js';
import { readStoredEvent } from '../../domain/events/catalogue.js';
import type { EventStore, RecordedEvent } from '../../store/port.js';
import { actionFollows, activityTrace, decisionTrace, planServedBy, type ActivityTraceInput, type DecisionTraceInput } from './assemble.js';
import type { TraceGraph } from './graph.js';
import { traceLinksOf } from './links.js';

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

/**
 * A decision's stream, the streams of every activity its links cite (withdrawn links too), and
 * of the actions that carry it out; null when there is no such decision.
 */
export async function readDecisionTrace(store: EventStore, decisionId: string, links = traceLinksOf(store)): Promise<DecisionTraceInput | null> {
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
    activities: await readStreams(store, cited, activityStream, asOf),
    actions: await readStreams(store, links.carryingOut(decisionId), actionStream, asOf),
  };
}

/**
 * An activity's stream, the decisions that cite it or that its participants were told of, the
 * actions of the plan (and objective) it serves and the actions carrying out those decisions;
 * null when there is no such activity. Which decisions and actions those are comes from the log
 * (links.ts): the first trace of a process reads its linking events once.
 */
export async function readActivityTrace(store: EventStore, activityId: string, links = traceLinksOf(store)): Promise<ActivityTraceInput | null> {
  const asOf = await store.headPosition();
  const activity = await readUpTo(store, activityStream(activityId), asOf);
  if (activity.length === 0) return null;
  await links.catchUp(store, asOf);
  const decisionIds = new Set(links.citing(activityId));
  for (const recorded of activity) {
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

/** The trace back from a decision, or null when there is no such decision. */
export async function traceDecision(store: EventStore, decisionId: string): Promise<TraceGraph | null> {
  const input = await readDecisionTrace(store, decisionId);
  return input && decisionTrace(input);
}

/** The trace forward from an activity, or null when there is no such activity. */
export async function traceActivity(store: EventStore, activityId: string): Promise<TraceGraph | null> {
  const input = await readActivityTrace(store, activityId);
  return input && activityTrace(input);
}
