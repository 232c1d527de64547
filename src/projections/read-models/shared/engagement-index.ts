// The read side of the engagement facts: the documents a view loaded, joined once, so each
// view asks "which live links cite this activity?" without scanning every decision again.

import type { DocumentSet } from '../../read-model-view.js';
import {
  engagementDocumentPrefixes,
  type ActivityFacts,
  type DecisionFacts,
  type EngagementDocument,
  type FeedbackGivenFact,
  type InfluenceLinkFact,
} from './engagement-facts.js';

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
  const activities = new Map<string, ActivityFacts>();
  const decisions: DecisionFacts[] = [];
  const names = new Map<string, string>();
  for (const prefix of engagementDocumentPrefixes) {
    for (const document of documents(prefix) as EngagementDocument[]) {
      if (document.kind === 'activity') activities.set(document.activityId, document);
      else if (document.kind === 'decision') decisions.push(document);
      else names.set(document.organisationId, document.name);
    }
  }
  decisions.sort(byDecisionDate);
  const citations = new Map<string, Citation[]>();
  for (const decision of decisions) {
    for (const link of liveLinks(decision)) {
      const list = citations.get(link.activityId) ?? [];
      list.push({ decision, link });
      citations.set(link.activityId, list);
    }
  }
  return {
    activities,
    decisions,
    organisationName: (id) => names.get(id) ?? null,
    citations: (activityId) => citations.get(activityId) ?? [],
  };
}

export function liveLinks(decision: DecisionFacts): InfluenceLinkFact[] {
  return decision.links.filter((l) => !l.withdrawn);
}

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
