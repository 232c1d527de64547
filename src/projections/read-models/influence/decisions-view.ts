// Per decision, what the body did (a recommendation is not a decision made) and what fed it: each
// live influence link with the activity (and finding) it cites and whose activity that is, how it
// influenced the decision, and whether that activity's participants were told.

import type { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { decisionMade, type DecisionFacts, type InfluenceLinkFact } from '../../facts/decisions.js';
import { inPeriod, involves, placeMatches } from '../../filters.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { engagementReads, feedbackGivenBy, liveLinks, organisationNames, walkDecisions } from '../engagement/engagement.js';
import { indexPlace } from '../paging.js';

const filters = commonFilters.extend({ decision: entityId.optional().meta({ description: 'One decision' }) });
type Query = z.output<typeof filters>;

type Names = (organisationId: string) => string | null;

function linkRow(decision: DecisionFacts, link: InfluenceLinkFact, activity: ActivityFacts | undefined, nameOf: Names, today: string): Row {
  const finding = link.findingId === null ? undefined : activity?.findings.find((f) => f.findingId === link.findingId);
  const told = activity ? feedbackGivenBy(activity, today) : [];
  return {
    linkId: link.linkId,
    activityId: link.activityId,
    activityTitle: activity?.title ?? null,
    activityCategory: activity?.category ?? null,
    // Whose activity it is: a decision may cite another organisation's engagement (that is evidence), and says so.
    activityOrganisationId: activity?.organisationId ?? null,
    activityOrganisationName: activity ? nameOf(activity.organisationId) : null,
    activityJointPartnerIds: activity?.jointPartnerIds ?? [],
    anotherOrganisationsActivity: activity !== undefined && !involves(activity, decision.organisationId),
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

function decisionRow(decision: DecisionFacts, byId: ReadonlyMap<string, ActivityFacts>, nameOf: Names, today: string): Row {
  const links = liveLinks(decision).map((link) => linkRow(decision, link, byId.get(link.activityId), nameOf, today));
  const activities = new Set(links.map((l) => l.activityId));
  const told = new Set(links.filter((l) => l.participantsTold).map((l) => l.activityId));
  return {
    decisionId: decision.decisionId,
    organisationId: decision.organisationId,
    organisationName: nameOf(decision.organisationId),
    body: decision.body,
    decidedOn: decision.decidedOn,
    reference: decision.reference,
    title: decision.title,
    outcomeKind: decision.outcomeKind,
    decisionMade: decisionMade(decision.outcomeKind),
    outcomes: decision.outcomes.map(({ outcomeKind, on }) => ({ outcomeKind, on })),
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
    'Each decision with what the body did (`outcomeKind`: recommended, approved, noted, deferred, rejected, discussed, or not_stated for a record that never said; ' +
    '`decisionMade` is false for a recommendation not yet decided, an item deferred or only discussed; `outcomes` each in turn) and the activities and findings that fed it ' +
    '(live influence links only; withdrawn links are counted), whose activity each is (`anotherOrganisationsActivity` where the deciding organisation neither ran it nor took part), ' +
    'how each influenced it, and whether the participants of each cited activity were told the outcome. The period filters the day of the outcome in force (`decidedOn`); ' +
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
      const shown = kept.flatMap((d) => (d ? [d.organisationId, ...liveLinks(d).flatMap((l) => byId.get(l.activityId)?.organisationId ?? [])] : []));
      const names = await organisationNames(reader, shown);
      return kept.map((d) => (d ? [decisionRow(d, byId, names, reader.today)] : []));
    });
  },
});
