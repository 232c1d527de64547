// Per decision that cites consultation, each cited activity (consultation and upward) against
// the four Gunning principles: what an auditor asks before a decision is challenged in court.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { decisionMade, type DecisionFacts, type InfluenceLinkFact } from '../../facts/decisions.js';
import { inPeriod, involves, placeMatches, promisesInfluence } from '../../filters.js';
import { dayOf } from '../../periods.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { engagementReads, liveLinks, walkDecisions } from '../engagement/engagement.js';
import { indexPlace } from '../paging.js';
import { DEFAULT_MINIMUM_NOTICE_DAYS, DEFAULT_MINIMUM_WINDOW_DAYS, parseMinimums, type Minimums, type MinimumsAsked } from './adequate-time.js';
import { adequateTime, conscientiousConsideration, formativeStage, sufficientInformation, windowDays } from './gunning.js';

const days = z.coerce.number().int().min(1).max(3_650);

/** "survey=42,workshop=7", checked and read as days per method. */
const minimumsByMethod = z
  .string()
  .trim()
  .max(1_000)
  .transform((text, ctx): Minimums => {
    try {
      return parseMinimums(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

export const lawfulConsultationFilters = commonFilters.extend({
  decision: entityId.optional().meta({ description: 'One decision' }),
  // There is no statutory minimum: each council sets its own (and courts look at the circumstances),
  // so the minimums are the reader's to choose.
  minimumDays: days.optional().meta({ description: `Minimum window, in days, for a written consultation or survey (default ${DEFAULT_MINIMUM_WINDOW_DAYS})` }),
  minimumNoticeDays: days.optional().meta({ description: `Minimum notice, in days, for a workshop or meeting (default ${DEFAULT_MINIMUM_NOTICE_DAYS})` }),
  minimums: minimumsByMethod.optional().meta({ description: 'Minimum days per method, over the two above, e.g. survey=42,workshop=7' }),
});
const filters = lawfulConsultationFilters;
type Query = z.output<typeof filters>;

const askedOf = (query: Query): MinimumsAsked => ({ windowDays: query.minimumDays, noticeDays: query.minimumNoticeDays, byMethod: query.minimums });

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

function gunningRow({ decision, activity, links }: Cited, asked: MinimumsAsked): Row {
  const time = adequateTime(activity, asked);
  const principles = {
    formative: formativeStage(activity, decision),
    information: sufficientInformation(activity),
    time,
    consideration: conscientiousConsideration(activity, links),
  };
  return {
    decisionId: decision.decisionId,
    decidedOn: decision.decidedOn,
    body: decision.body,
    reference: decision.reference,
    decisionTitle: decision.title,
    outcomeKind: decision.outcomeKind,
    decisionMade: decisionMade(decision.outcomeKind),
    organisationId: decision.organisationId,
    activityId: activity.activityId,
    activityTitle: activity.title,
    activityCategory: activity.category,
    activityMethod: activity.method,
    linkIds: links.map((l) => l.linkId),
    closedOn: activity.closed?.on ?? null,
    windowDays: windowDays(activity),
    /** How adequate time was judged: on the window (written consultation, survey), the notice (workshop, meeting), or not at all. */
    timeRule: time.rule,
    timeDays: time.days,
    minimumDays: time.minimumDays,
    announcedOn: time.announcedOn,
    formative: principles.formative.verdict,
    formativeEvidence: principles.formative.evidence,
    formativeReason: principles.formative.reason ?? null,
    information: principles.information.verdict,
    informationEvidence: principles.information.evidence,
    time: principles.time.verdict,
    timeEvidence: principles.time.evidence,
    consideration: principles.consideration.verdict,
    considerationEvidence: principles.consideration.evidence,
    principlesMet: Object.values(principles).filter((p) => p.verdict === 'met').length,
    principlesApplicable: Object.values(principles).filter((p) => p.verdict !== 'not_applicable').length,
  };
}

export const lawfulConsultationView = defineView({
  path: '/v1/lawful-consultation',
  summary: 'Lawful-consultation check (Gunning principles)',
  description:
    'Per decision citing consultation (a live influence link to an activity of category consultation or above), each cited activity against ' +
    'the four Gunning principles: formative stage (closed before the day the body actually decided; unknown, with `formativeReason`, for a recommendation not yet decided, an item deferred or only discussed, or an activity never closed), sufficient information (documents published with it), ' +
    'adequate time as the method makes sense of it (`timeRule`: a written consultation or survey on its window, at least `minimumDays`, default 28; ' +
    'a workshop or meeting on the notice given from when it was first announced (a document published with it, or its publication), at least `minimumNoticeDays`, default 14; ' +
    'an interview, mystery shop or information campaign not_applicable; `minimums` sets days per method) and conscientious consideration (findings recorded and a link with a rationale); ' +
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
              .map((cited) => gunningRow(cited, askedOf(query)))
          : [],
      ),
    );
  },
});
