// Per decision that cites consultation, each cited activity (consultation and upward) against
// the four Gunning principles: what an auditor asks before a decision is challenged in court.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import type { DecisionFacts, InfluenceLinkFact } from '../../facts/decisions.js';
import { inPeriod, involves, placeMatches, promisesInfluence } from '../../filters.js';
import { decisionsFed, engagementReads, readEngagement, type Engagement } from '../engagement/engagement.js';
import { adequateTime, conscientiousConsideration, formativeStage, sufficientInformation, windowDays } from './gunning.js';

const filters = commonFilters.extend({
  decision: entityId.optional().meta({ description: 'One decision' }),
  // 28 days is a common floor for a public consultation; there is no statutory one: each council sets its own
  // (and courts look at the circumstances), so the minimum is the reader's to choose.
  minimumDays: z.coerce.number().int().min(1).max(3_650).default(28).meta({ description: 'Minimum window, in days, for adequate time' }),
});
type Query = z.output<typeof filters>;

interface Cited {
  decision: DecisionFacts;
  activity: ActivityFacts;
  links: InfluenceLinkFact[];
}

/** Every (decision, activity) pair where a live link cites an activity of category consultation or above. */
function citedConsultations(engagement: Engagement): Cited[] {
  const pairs: Cited[] = [];
  for (const activity of engagement.activities.values()) {
    if (!promisesInfluence(activity.category)) continue;
    for (const { decision, links } of decisionsFed(engagement, activity.activityId)) {
      pairs.push({ decision, activity, links });
    }
  }
  return pairs.sort(
    (a, b) =>
      a.decision.decidedOn.localeCompare(b.decision.decidedOn) ||
      a.decision.decisionId.localeCompare(b.decision.decisionId) ||
      a.activity.window.opens.localeCompare(b.activity.window.opens) ||
      a.activity.activityId.localeCompare(b.activity.activityId),
  );
}

function matches({ decision, activity }: Cited, query: Query): boolean {
  const { organisation } = query;
  return (
    (query.decision === undefined || decision.decisionId === query.decision) &&
    inPeriod(decision.decidedOn, query) &&
    (organisation === undefined || decision.organisationId === organisation || involves(activity, organisation)) &&
    placeMatches(activity, query)
  );
}

function gunningRow({ decision, activity, links }: Cited, minimumDays: number): Row {
  const principles = {
    formative: formativeStage(activity, decision),
    information: sufficientInformation(activity),
    time: adequateTime(activity, minimumDays),
    consideration: conscientiousConsideration(activity, links),
  };
  return {
    decisionId: decision.decisionId,
    decidedOn: decision.decidedOn,
    body: decision.body,
    reference: decision.reference,
    decisionTitle: decision.title,
    organisationId: decision.organisationId,
    activityId: activity.activityId,
    activityTitle: activity.title,
    activityCategory: activity.category,
    linkIds: links.map((l) => l.linkId),
    closedOn: activity.closed?.on ?? null,
    windowDays: windowDays(activity),
    minimumDays,
    formative: principles.formative.verdict,
    formativeEvidence: principles.formative.evidence,
    information: principles.information.verdict,
    informationEvidence: principles.information.evidence,
    time: principles.time.verdict,
    timeEvidence: principles.time.evidence,
    consideration: principles.consideration.verdict,
    considerationEvidence: principles.consideration.evidence,
    principlesMet: Object.values(principles).filter((p) => p.verdict === 'met').length,
  };
}

export const lawfulConsultationView = defineView({
  path: '/v1/lawful-consultation',
  summary: 'Lawful-consultation check (Gunning principles)',
  description:
    'Per decision citing consultation (a live influence link to an activity of category consultation or above), each cited activity against ' +
    'the four Gunning principles: formative stage (closed before the decision), sufficient information (documents published with it), ' +
    'adequate time (window of at least `minimumDays`, default 28) and conscientious consideration (findings recorded and a link with a rationale); ' +
    'each met, not_met or unknown, with the ids of the events that show it. The period filters the decision date.',
  reads: engagementReads,
  filters,
  run(documents, query) {
    return citedConsultations(readEngagement(documents))
      .filter((cited) => matches(cited, query))
      .map((cited) => gunningRow(cited, query.minimumDays));
  },
});
