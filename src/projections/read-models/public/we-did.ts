// "We did": what became of a consultation, as published. Each published decision it fed, with how
// (the influence and the rationale) and the actions that carry the decision out; and what its
// participants were told. Every item carries where and when the ledger recorded it, so the page can
// show its position and hash and link to its proof. Unpublished decisions are left out entirely.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import { actions, type TrackedAction } from '../../facts/actions.js';
import { decisions, liveLinks, type DecisionFacts } from '../../facts/decisions.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import type { Row } from '../../read-model-view.js';
import { allUnder } from '../paging.js';
import { decisionPath, recorded } from './consultation-rows.js';

/** Published decisions citing an activity through a live link, oldest first. */
export async function publishedDecisionsCiting(reader: Reader, activityId: string): Promise<DecisionFacts[]> {
  return (await allUnder(reader, decisions, term('public-cites', activityId))).map((r) => r.row);
}

/** The actions that carry a decision out, in the order planned. */
export async function actionsOf(reader: Reader, decisionId: string): Promise<TrackedAction[]> {
  return (await allUnder(reader, actions, term('decision', decisionId))).map((r) => r.row).filter((a) => a.planned !== null);
}

export function actionRow(action: TrackedAction): Row {
  const planned = action.planned as NonNullable<TrackedAction['planned']>;
  return {
    what: planned.what,
    status: action.status,
    target_date: planned.targetDate ?? null,
    timescale: planned.timescale ?? null,
    ...recorded(action.plannedAt, action.plannedRecordedAt),
  };
}

export function decisionHeadline(d: DecisionFacts): Row {
  return {
    id: d.decisionId,
    base_path: decisionPath(d.decisionId),
    title: d.title,
    body: d.body,
    decided_on: d.decidedOn,
    reference: d.reference,
    outcome_kind: d.outcomeKind,
    outcome: d.outcome,
    ...recorded(d.position, d.recordedAt),
  };
}

/** What a decision says of one activity: its live links to it (and the public findings they cite). */
export function influenceOn(d: DecisionFacts, activity: ActivityFacts): Row[] {
  const themes = new Map(activity.findings.filter((f) => !f.withdrawn && !activity.internalFindingIds.includes(f.findingId)).map((f) => [f.findingId, f.theme]));
  return liveLinks(d)
    .filter((l) => l.activityId === activity.activityId)
    .map((l) => ({
      influence: l.influence,
      rationale: l.rationale,
      not_adopted_reason: l.notAdoptedReason,
      // A link citing an internal finding still shows; the finding's words do not.
      finding_theme: l.findingId === null ? null : (themes.get(l.findingId) ?? null),
      ...recorded(l.position, l.recordedAt),
    }));
}

export async function weDid(reader: Reader, activity: ActivityFacts): Promise<{ decisions: Row[]; feedback_to_participants: Row[] }> {
  const fed = await publishedDecisionsCiting(reader, activity.activityId);
  const published = new Set(fed.map((d) => d.decisionId));
  const rows = await Promise.all(
    fed.map(async (d) => ({ ...decisionHeadline(d), influence: influenceOn(d, activity), actions: (await actionsOf(reader, d.decisionId)).map(actionRow) })),
  );
  const told = activity.feedbackGiven
    .filter((f) => dayOf(f.givenOn) <= dayOf(reader.today))
    .map((f) => ({
      given_on: f.givenOn,
      channel: f.channel,
      summary: f.summary,
      decision_ids: f.decisionIds.filter((id) => published.has(id)),
      ...recorded(f.position, f.recordedAt),
    }));
  return { decisions: rows, feedback_to_participants: told };
}

