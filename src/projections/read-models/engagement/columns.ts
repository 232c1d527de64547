// Columns several views repeat, so an activity or a decision reads the same in each.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import { decisionMade, type DecisionFacts } from '../../facts/decisions.js';

/** Which activity a row is about, and whose: joint partners that accepted, and those only invited. */
export function activityColumns(activity: ActivityFacts, organisationName: (id: string) => string | null) {
  return {
    activityId: activity.activityId,
    title: activity.title,
    category: activity.category,
    organisationId: activity.organisationId,
    organisationName: organisationName(activity.organisationId),
    jointPartnerIds: activity.jointPartnerIds,
    invitedPartnerIds: activity.invitedPartnerIds,
  };
}

/** A decision as a list of decisions shows it: what the body did, so a recommendation never reads as a decision made. */
export function decisionSummary(decision: DecisionFacts) {
  return {
    decisionId: decision.decisionId,
    decidedOn: decision.decidedOn,
    body: decision.body,
    title: decision.title,
    outcomeKind: decision.outcomeKind,
    decisionMade: decisionMade(decision.outcomeKind),
  };
}
