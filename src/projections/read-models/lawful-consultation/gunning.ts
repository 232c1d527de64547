// The four Gunning principles (R v Brent LBC ex p Gunning, 1985; R (Moseley) v Haringey LBC, 2014)
// as the ledger can show them for one consultation a decision cites. Each verdict comes with the
// ids of the events that show it, so an auditor can open them in the audit trail.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import type { DecisionFacts, InfluenceLinkFact } from '../../facts/decisions.js';

/** `not_applicable`: only adequate time, for methods that ask no one to respond in time (adequate-time.ts). */
export type Verdict = 'met' | 'not_met' | 'unknown' | 'not_applicable';

export interface Assessment {
  verdict: Verdict;
  evidence: string[];
}

const assess = (verdict: Verdict, ...evidence: string[]): Assessment => ({ verdict, evidence: [...new Set(evidence)] });

/** (1) Formative stage: the consultation closed before the decision was taken. Never closed: the ledger cannot say. */
export function formativeStage(activity: ActivityFacts, decision: DecisionFacts): Assessment {
  if (!activity.closed) return assess('unknown', ...(activity.opened ? [activity.opened.eventId] : []), decision.eventId);
  return assess(activity.closed.on < decision.decidedOn ? 'met' : 'not_met', activity.closed.eventId, decision.eventId);
}

/** (2) Sufficient information: documents were published with it; with none, the plan that listed none shows it. */
export function sufficientInformation(activity: ActivityFacts): Assessment {
  if (activity.documents.length === 0) return assess('not_met', activity.plannedEventId);
  return assess('met', ...activity.documents.map((d) => d.eventId));
}

// (3) Adequate time: judged as the method makes sense of it, in adequate-time.ts.
export { adequateTime, windowDays } from './adequate-time.js';

/**
 * (4) Conscientious consideration: the organisation recorded what people said (findings not withdrawn)
 * and the decision's link says how it was taken into account (a rationale, which the schema requires).
 */
export function conscientiousConsideration(activity: ActivityFacts, links: readonly InfluenceLinkFact[]): Assessment {
  const findings = activity.findings.filter((f) => !f.withdrawn);
  const reasoned = links.filter((l) => l.rationale.trim() !== '');
  const evidence = [...findings.map((f) => f.eventId), ...links.map((l) => l.eventId)];
  return assess(findings.length > 0 && reasoned.length > 0 ? 'met' : 'not_met', ...evidence);
}
