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
import {
  actionFollows,
  activityTrace,
  decisionTrace,
  linkCites,
  planServedBy,
  type ActivityTraceInput,
  type DecisionTraceInput,
} from './assemble.js';
import type { TraceGraph } from './graph.js';

/** Events per readAll page when an activity's trace scans the log. */
export const TRACE_SCAN_PAGE = 1_000;

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

/** A decision's stream and the streams of every activity its links cite (withdrawn links too); null when there is no such decision. */
export async function readDecisionTrace(store: EventStore, decisionId: string): Promise<DecisionTraceInput | null> {
  const asOf = await store.headPosition();
  const decision = await readUpTo(store, decisionStream(decisionId), asOf);
  if (decision.length === 0) return null;
  const cited = new Set<string>();
  for (const recorded of decision) {
    if (recorded.type !== 'InfluenceLinked') continue;
    const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
    if (event.type === 'InfluenceLinked') cited.add(event.data.source.activityId);
  }
  return { decisionId, asOf, decision, activities: await readStreams(store, cited, activityStream, asOf) };
}

/**
 * An activity's stream, the decisions that cite it or that its participants were told of, and
 * the actions of the plan (and objective) it serves; null when there is no such activity.
 *
 * Cost: nothing in the log says which decisions cite an activity, or which actions share its
 * plan, and a trace reads no read model; so this scans the whole log up to `asOf`, a page at a
 * time (memory stays at one page), and parses only InfluenceLinked and ActionPlanned events.
 * That is one pass over the log per forward trace: fine for a partnership's ledger, and the
 * place to add an index (a projection from activity to citing decisions) if logs grow large.
 */
export async function readActivityTrace(store: EventStore, activityId: string, pageSize = TRACE_SCAN_PAGE): Promise<ActivityTraceInput | null> {
  const asOf = await store.headPosition();
  const activity = await readUpTo(store, activityStream(activityId), asOf);
  if (activity.length === 0) return null;
  const plan = planServedBy(activity);
  const decisionIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const recorded of activity) {
    if (recorded.type !== 'FeedbackGivenToParticipants') continue;
    const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
    if (event.type === 'FeedbackGivenToParticipants') for (const id of event.data.decisionIds) decisionIds.add(id);
  }

  let after: number | undefined;
  scan: for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: pageSize } : { after, maxCount: pageSize });
    for (const recorded of page) {
      if (recorded.position > asOf) break scan;
      if (recorded.type === 'InfluenceLinked') {
        const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
        if (event.type === 'InfluenceLinked' && linkCites(event.data, activityId)) decisionIds.add(event.data.decisionId);
      } else if (plan && recorded.type === 'ActionPlanned') {
        const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
        if (event.type === 'ActionPlanned' && actionFollows(event.data, plan)) actionIds.add(event.data.actionId);
      }
    }
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) break;
    after = last.position;
  }

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
