// Per decision that cites consultation, each cited activity (consultation and upward) against
// the four Gunning principles: what an auditor asks before a decision is challenged in court.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import type { DecisionFacts, InfluenceLinkFact } from '../../facts/decisions.js';
import { inPeriod, involves, placeMatches, promisesInfluence } from '../../filters.js';
import { dayOf } from '../../periods.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { engagementReads, liveLinks, walkDecisions } from '../engagement/engagement.js';
import { indexPlace } from '../paging.js';
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

/** A decision's cited activities of category consultation or above, each with the live links citing it, in opening order. */
function citedConsultations(decision: DecisionFacts, byId: ReadonlyMap<string, ActivityFacts>): Cited[] {
  const links = liveLinks(decision);
  return [...new Set(links.map((l) => l.activityId))]
    .flatMap((id) => byId.get(id) ?? [])
    .filter((activity) => promisesInfluence(activity.category))
    .map((activity) => ({ decision, activity, links: links.filter((l) => l.activityId === activity.activityId) }))
    .sort((a, b) => dayOf(a.activity.window.opens) - dayOf(b.activity.window.opens) || (a.activity.activityId < b.activity.activityId ? -1 : a.activity.activityId > b.activity.activityId ? 1 : 0));
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
    'each met, not_met or unknown, with the ids of the events that show it. The period filters the decision date. Oldest decision first.',
  reads: engagementReads,
  filters,
  place: indexPlace,
  async page(reader, query, { after, limit }) {
    return walkDecisions(reader, query, after, limit, async (batch, byId) =>
      batch.map((row) =>
        inPeriod(row.decidedOn, query)
          ? citedConsultations(row, byId)
              .filter((cited) => matches(cited, query))
              .map((cited) => gunningRow(cited, query.minimumDays))
          : [],
      ),
    );
  },
});
