// Published decisions: a list (newest first, or most recently published first for the outcomes
// feed), and one decision whole: the published consultations that fed it and how, the actions that
// carry it out, and Gunning's four principles for each of those consultations, with which rule of
// adequate time was applied. Consultations not published are left out, as if not cited.

import { z } from 'zod';
import { entityId, isoDate } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities, activityKey } from '../../facts/activities.js';
import { actions } from '../../facts/actions.js';
import { decisionKey, decisions, liveLinks, type DecisionFacts } from '../../facts/decisions.js';
import { areas, communities, organisations } from '../../facts/reference.js';
import { inPeriod, normaliseTopic, promisesInfluence } from '../../filters.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { defineView, type Row } from '../../read-model-view.js';
import { adequateTime, conscientiousConsideration, formativeStage, sufficientInformation } from '../lawful-consultation/gunning.js';
import { consultationPath } from './consultation-rows.js';
import { nowhere, oneFilter } from './consultation-view.js';
import { namesFor, type Names } from './names.js';
import type { PublicSettings } from './settings.js';
import { termPlace, walkTerm } from './walk.js';
import { actionRow, actionsOf, decisionHeadline, influenceOn } from './we-did.js';

export const decisionFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Taken by this organisation' }),
  area: entityId.optional().meta({ description: 'Fed by a consultation in this area' }),
  community: entityId.optional(),
  topic: z.string().trim().min(1).max(100).optional(),
  from: isoDate.optional().meta({ description: 'Decided on or after' }),
  to: isoDate.optional().meta({ description: 'Decided on or before' }),
  sort: z.enum(['newest', 'published']).default('newest').meta({ description: 'newest decision first, or most recently published first' }),
});
type DecisionFilters = z.output<typeof decisionFilters>;

/** The published activities a decision's live links cite, by id. */
async function publishedCited(reader: Reader, batch: readonly DecisionFacts[]): Promise<Map<string, ActivityFacts>> {
  const ids = batch.flatMap((d) => liveLinks(d).map((l) => l.activityId));
  const rows = await reader.get(activities, ids.map(activityKey));
  return new Map([...rows.values()].filter((a) => a.publication !== null).map((a) => [a.activityId, a]));
}

function fedBy(d: DecisionFacts, cited: ReadonlyMap<string, ActivityFacts>): ActivityFacts[] {
  return [...new Set(liveLinks(d).map((l) => l.activityId))].flatMap((id) => cited.get(id) ?? []);
}

function decisionSummary(d: DecisionFacts, fed: readonly ActivityFacts[], names: Names): Row {
  return {
    ...decisionHeadline(d),
    organisation: names.organisation(d.organisationId),
    first_public_at: d.publication?.at ?? null,
    consultations: fed.map((a) => ({ id: a.activityId, base_path: consultationPath(a.activityId), title: a.title })),
  };
}

function matchesPlace(fed: readonly ActivityFacts[], filters: DecisionFilters): boolean {
  if (filters.area === undefined && filters.community === undefined && filters.topic === undefined) return true;
  const topic = filters.topic === undefined ? undefined : normaliseTopic(filters.topic);
  return fed.some(
    (a) =>
      (filters.area === undefined || a.areaIds.includes(filters.area)) &&
      (filters.community === undefined || a.communityIds.includes(filters.community)) &&
      (topic === undefined || a.topics.some((t) => normaliseTopic(t) === topic)),
  );
}

export function decisionsView() {
  return defineView({
    path: 'public/decisions',
    summary: 'Published decisions',
    reads: [decisions, activities, organisations],
    filters: decisionFilters,
    place: termPlace,
    async page(reader, filters, { after, limit }) {
      const walk =
        filters.sort === 'published'
          ? { term: 'public-published', reverse: true }
          : { term: filters.organisation === undefined ? 'public' : term('public-organisation', filters.organisation), from: filters.from, to: filters.to, reverse: true };
      return walkTerm(reader, decisions, walk, after, limit, async (batch) => {
        const cited = await publishedCited(reader, batch.map((b) => b.row));
        const kept = batch.map(({ row }) => {
          const fed = fedBy(row, cited);
          const ok =
            row.publication !== null &&
            (filters.organisation === undefined || row.organisationId === filters.organisation) &&
            inPeriod(row.decidedOn, filters) &&
            matchesPlace(fed, filters);
          return ok ? { row, fed } : null;
        });
        const names = await namesFor(reader, { organisations: kept.flatMap((k) => (k ? [k.row.organisationId] : [])) });
        return kept.map((k) => k && decisionSummary(k.row, k.fed, names));
      });
    },
  });
}

export function decisionView(settings: PublicSettings) {
  return defineView({
    path: 'public/decision',
    summary: 'One published decision: the consultations that fed it, how, and the lawful-consultation (Gunning) check',
    reads: [decisions, activities, actions, organisations, areas, communities],
    filters: oneFilter,
    place: nowhere,
    async page(reader, { id }) {
      const decision = (await reader.get(decisions, [decisionKey(id)])).get(decisionKey(id));
      if (!decision || decision.publication === null) return { rows: [], next: null };
      const cited = await publishedCited(reader, [decision]);
      const fed = fedBy(decision, cited);
      const names = await namesFor(reader, { organisations: [decision.organisationId] });
      const consultations = fed.map((a) => {
        const links = liveLinks(decision).filter((l) => l.activityId === a.activityId);
        const time = adequateTime(a, settings.gunning);
        const principles = promisesInfluence(a.category)
          ? {
              formative: formativeStage(a, decision).verdict,
              information: sufficientInformation(a).verdict,
              time: { verdict: time.verdict, rule: time.rule, days: time.days, minimum_days: time.minimumDays, announced_on: time.announcedOn },
              consideration: conscientiousConsideration(a, links).verdict,
            }
          : null;
        return {
          id: a.activityId,
          base_path: consultationPath(a.activityId),
          title: a.title,
          method: a.method,
          category: a.category,
          opening_date: a.window.opens,
          closing_date: a.window.closes,
          closed_on: a.closed?.on ?? null,
          documents: a.documents.length,
          influence: influenceOn(decision, a),
          // Information giving asks no views, so it is no consultation to check.
          gunning: principles,
        };
      });
      return {
        rows: [{ ...decisionSummary(decision, fed, names), consultations, actions: (await actionsOf(reader, decision.decisionId)).map(actionRow) }],
        next: null,
      };
    },
  });
}
