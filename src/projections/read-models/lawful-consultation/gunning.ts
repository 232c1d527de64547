// The four Gunning principles (R v Brent LBC ex p Gunning, 1985; R (Moseley) v Haringey LBC, 2014)
// as the ledger can show them for one consultation a decision cites. Each verdict comes with the
// ids of the events that show it, so an auditor can open them in the audit trail.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import { decisionMade, outcomeInForce, type DecisionFacts, type InfluenceLinkFact } from '../../facts/decisions.js';
import { dayOf } from '../../periods.js';

/** `not_applicable`: only adequate time, for methods that ask no one to respond in time (adequate-time.ts). */
export type Verdict = 'met' | 'not_met' | 'unknown' | 'not_applicable';

export interface Assessment {
  verdict: Verdict;
  evidence: string[];
  /** Why the ledger cannot say, where it gives a reason. */
  reason?: string;
}

const assess = (verdict: Verdict, ...evidence: string[]): Assessment => ({ verdict, evidence: [...new Set(evidence)] });

/** What the body did with an item it has not decided, in words. */
const undecidedWords: Readonly<Record<string, string>> = { recommended: 'recommended', deferred: 'deferred', discussed: 'only discussed' };

/**
 * (1) Formative stage: the consultation closed before the body decided, judged against the day it
 * actually decided (a recommendation decided later: that day, shown by the RecommendationDecided
 * event). An item the body has not decided (recommended, deferred, only discussed) has no decision
 * to judge against yet, and an activity never closed has no close: the ledger cannot say, and says why.
 */
export function formativeStage(activity: ActivityFacts, decision: DecisionFacts): Assessment {
  const outcome = outcomeInForce(decision);
  if (!decisionMade(outcome.outcomeKind)) {
    const what = undecidedWords[outcome.outcomeKind] ?? outcome.outcomeKind;
    const reason = `${what} on ${outcome.on} and not decided since: there is no decision yet to judge the consultation's timing against`;
    return { ...assess('unknown', ...(activity.closed ? [activity.closed.eventId] : []), outcome.eventId), reason };
  }
  if (!activity.closed) {
    return { ...assess('unknown', ...(activity.opened ? [activity.opened.eventId] : []), outcome.eventId), reason: 'the consultation is not recorded as closed' };
  }
  return assess(dayOf(activity.closed.on) < dayOf(outcome.on) ? 'met' : 'not_met', activity.closed.eventId, outcome.eventId);
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
