// The engagement facts joined for the influence, feedback-loop and lawful-consultation views:
// activities, decisions and organisations' names read from their projections and joined once,
// so each view asks "which live links cite this activity?" without scanning every decision again.

import type { ActivityFacts, FeedbackGivenFact } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { decisions, liveLinks, type DecisionFacts, type InfluenceLinkFact } from '../../facts/decisions.js';
import { organisations } from '../../facts/reference.js';
import { rowsOf, type DocumentSet } from '../../read-model-view.js';

/** The projections an engagement view reads. */
export const engagementReads = [activities, decisions, organisations];

/** A live influence link and the decision it belongs to. */
export interface Citation {
  decision: DecisionFacts;
  link: InfluenceLinkFact;
}

export interface Engagement {
  /** By id. */
  activities: ReadonlyMap<string, ActivityFacts>;
  /** Oldest first. */
  decisions: readonly DecisionFacts[];
  organisationName(organisationId: string): string | null;
  /** Live links citing the activity (directly or through one of its findings), oldest decision first. */
  citations(activityId: string): readonly Citation[];
}

const byDecisionDate = (a: DecisionFacts, b: DecisionFacts): number =>
  a.decidedOn.localeCompare(b.decidedOn) || a.decisionId.localeCompare(b.decisionId);

export function readEngagement(documents: DocumentSet): Engagement {
  const byId = new Map(rowsOf(documents, activities).map((a) => [a.activityId, a]));
  const decided = [...rowsOf(documents, decisions)].sort(byDecisionDate);
  const names = new Map(rowsOf(documents, organisations).map((o) => [o.organisationId, o.name]));
  const citations = new Map<string, Citation[]>();
  for (const decision of decided) {
    for (const link of liveLinks(decision)) {
      const list = citations.get(link.activityId) ?? [];
      list.push({ decision, link });
      citations.set(link.activityId, list);
    }
  }
  return {
    activities: byId,
    decisions: decided,
    organisationName: (id) => names.get(id) ?? null,
    citations: (activityId) => citations.get(activityId) ?? [],
  };
}

export { liveLinks };

/** The activities a decision's live links cite, each once. */
export function citedActivities(engagement: Engagement, decision: DecisionFacts): ActivityFacts[] {
  const ids = new Set(liveLinks(decision).map((l) => l.activityId));
  return [...ids].flatMap((id) => engagement.activities.get(id) ?? []);
}

/** A decision an activity fed, with the live links that say how. */
export interface DecisionFed {
  decision: DecisionFacts;
  links: InfluenceLinkFact[];
}

/** The decisions an activity fed, each once, oldest first. */
export function decisionsFed(engagement: Engagement, activityId: string): DecisionFed[] {
  const fed = new Map<string, DecisionFed>();
  for (const { decision, link } of engagement.citations(activityId)) {
    const entry = fed.get(decision.decisionId) ?? { decision, links: [] };
    entry.links.push(link);
    fed.set(decision.decisionId, entry);
  }
  return [...fed.values()];
}

/** Feedback to participants given by `today`, earliest first: a date after today has not happened yet. */
export function feedbackGivenBy(activity: ActivityFacts, today: string): FeedbackGivenFact[] {
  return activity.feedbackGiven.filter((f) => f.givenOn <= today).sort((a, b) => a.givenOn.localeCompare(b.givenOn));
}
