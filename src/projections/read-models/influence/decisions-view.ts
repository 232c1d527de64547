// Per decision, what fed it: each live influence link with the activity (and finding) it cites,
// how it influenced the decision, and whether that activity's participants were told.

import type { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import type { DecisionFacts, InfluenceLinkFact } from '../../facts/decisions.js';
import { inPeriod, involves, placeMatches } from '../../filters.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { engagementReads, feedbackGivenBy, liveLinks, organisationNames, walkDecisions } from '../engagement/engagement.js';
import { indexPlace } from '../paging.js';

const filters = commonFilters.extend({ decision: entityId.optional().meta({ description: 'One decision' }) });
type Query = z.output<typeof filters>;

function linkRow(decision: DecisionFacts, link: InfluenceLinkFact, activity: ActivityFacts | undefined, today: string): Row {
  const finding = link.findingId === null ? undefined : activity?.findings.find((f) => f.findingId === link.findingId);
  const told = activity ? feedbackGivenBy(activity, today) : [];
  return {
    linkId: link.linkId,
    activityId: link.activityId,
    activityTitle: activity?.title ?? null,
    activityCategory: activity?.category ?? null,
    findingId: link.findingId,
    findingTheme: finding?.theme ?? null,
    findingWithdrawn: finding?.withdrawn ?? false,
    influence: link.influence,
    rationale: link.rationale,
    notAdoptedReason: link.notAdoptedReason,
    participantsTold: told.length > 0,
    participantsToldOn: told[0]?.givenOn ?? null,
    participantsToldOfThisDecision: told.some((f) => f.decisionIds.includes(decision.decisionId)),
  };
}

function decisionMatches(decision: DecisionFacts, cited: readonly ActivityFacts[], query: Query): boolean {
  const { organisation } = query;
  return (
    (query.decision === undefined || decision.decisionId === query.decision) &&
    inPeriod(decision.decidedOn, query) &&
    (organisation === undefined || decision.organisationId === organisation || cited.some((a) => involves(a, organisation))) &&
    ((query.area === undefined && query.community === undefined) || cited.some((a) => placeMatches(a, query)))
  );
}

function decisionRow(decision: DecisionFacts, byId: ReadonlyMap<string, ActivityFacts>, organisationName: string | null, today: string): Row {
  const links = liveLinks(decision).map((link) => linkRow(decision, link, byId.get(link.activityId), today));
  const activities = new Set(links.map((l) => l.activityId));
  const told = new Set(links.filter((l) => l.participantsTold).map((l) => l.activityId));
  return {
    decisionId: decision.decisionId,
    organisationId: decision.organisationId,
    organisationName,
    body: decision.body,
    decidedOn: decision.decidedOn,
    reference: decision.reference,
    title: decision.title,
    activities: activities.size,
    findings: links.filter((l) => l.findingId !== null).length,
    activitiesWithParticipantsTold: told.size,
    withdrawnLinks: decision.links.length - links.length,
    links,
  };
}

export const influenceDecisionsView = defineView({
  path: '/v1/influence/decisions',
  summary: 'Evidence of influence, per decision',
  description:
    'Each decision with the activities and findings that fed it (live influence links only; withdrawn links are counted), ' +
    'how each influenced it, and whether the participants of each cited activity were told the outcome. The period filters the decision date; ' +
    'organisation matches the deciding organisation or one that ran a cited activity; area and community match the cited activities. Oldest first.',
  reads: engagementReads,
  filters,
  place: indexPlace,
  async page(reader, query, { after, limit }) {
    return walkDecisions(reader, query, after, limit, async (batch, byId) => {
      const kept = batch.map((row) => {
        const cited = [...new Set(liveLinks(row).map((l) => l.activityId))].flatMap((id) => byId.get(id) ?? []);
        return decisionMatches(row, cited, query) ? row : null;
      });
      const names = await organisationNames(reader, kept.flatMap((d) => (d ? [d.organisationId] : [])));
      return kept.map((d) => (d ? [decisionRow(d, byId, names(d.organisationId), reader.today)] : []));
    });
  },
});
