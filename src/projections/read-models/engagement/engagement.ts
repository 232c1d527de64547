// What the influence, feedback-loop and lawful-consultation views join when they read: the
// decisions that cite an activity (through the decisions' `cites:` index, oldest first), the
// activities a decision cites, and organisations' names, each looked up for a page at a time.

import type { ActivityFacts, FeedbackGivenFact } from '../../facts/activity-facts.js';
import { activities, activityKey } from '../../facts/activities.js';
import { decisionKey, decisions, liveLinks, type DecisionFacts, type InfluenceLinkFact } from '../../facts/decisions.js';
import { organisationKey, organisations } from '../../facts/reference.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import type { PageOf, Row } from '../../read-model-view.js';
import { allUnder, walkIndex, type IndexWalkPlace } from '../paging.js';

/** The projections an engagement view reads. */
export const engagementReads = [activities, decisions, organisations];

/** A decision an activity fed, with the live links that say how. */
export interface DecisionFed {
  decision: DecisionFacts;
  links: InfluenceLinkFact[];
}

/** For each activity, the decisions it fed (live links only), each once, oldest first. */
export async function decisionsFed(reader: Reader, activityIds: readonly string[]): Promise<Map<string, DecisionFed[]>> {
  const fed = new Map<string, DecisionFed[]>();
  await Promise.all(
    [...new Set(activityIds)].map(async (activityId) => {
      const citing = await allUnder(reader, decisions, term('cites', activityId));
      fed.set(
        activityId,
        citing.map(({ row }) => ({ decision: row, links: liveLinks(row).filter((l) => l.activityId === activityId) })),
      );
    }),
  );
  return fed;
}

/** The activities among `activityIds` that some decision's index term holds: one count per activity, no decision read. */
async function heldBy(reader: Reader, prefix: 'cites' | 'decision-cites', activityIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(activityIds)];
  const counts = await reader.count(decisions, ids.map((id) => term(prefix, id)));
  return new Set(ids.filter((_, i) => (counts[i] ?? 0) > 0));
}

/** Which of the activities a live link cites, whatever the body did with the item (a recommendation too). */
export const citedSet = (reader: Reader, activityIds: readonly string[]): Promise<Set<string>> => heldBy(reader, 'cites', activityIds);

/**
 * Which of the activities a decision the body took cites through a live link: evidenced influence
 * on a decision. A recommendation not yet decided, an item deferred or only discussed decided nothing.
 */
export const influencedSet = (reader: Reader, activityIds: readonly string[]): Promise<Set<string>> => heldBy(reader, 'decision-cites', activityIds);

/** The activities these decisions' live links cite, by id. */
export async function citedActivities(reader: Reader, cited: readonly DecisionFacts[]): Promise<Map<string, ActivityFacts>> {
  const ids = cited.flatMap((d) => liveLinks(d).map((l) => l.activityId));
  const rows = await reader.get(activities, ids.map(activityKey));
  return new Map([...rows.values()].map((a) => [a.activityId, a]));
}

/** Organisations' current names, for these ids; null for one the ledger never registered. */
export async function organisationNames(reader: Reader, organisationIds: readonly string[]): Promise<(organisationId: string) => string | null> {
  const rows = await reader.get(organisations, organisationIds.map(organisationKey));
  const names = new Map([...rows.values()].map((o) => [o.organisationId, o.name]));
  return (id) => names.get(id) ?? null;
}

/** What replaced an organisation, as a row that lists the organisation says it. */
export interface Replacement {
  replacedBy: string | null;
  replacedByName: string | null;
}

/** For these organisations, what replaced each (and its name): none for one that stands, or one the ledger never registered. */
export async function replacements(reader: Reader, organisationIds: readonly string[]): Promise<(organisationId: string) => Replacement> {
  const rows = await reader.get(organisations, organisationIds.map(organisationKey));
  const replacedBy = new Map([...rows.values()].flatMap((o) => (o.replacedBy === null ? [] : [[o.organisationId, o.replacedBy] as const])));
  const names = await organisationNames(reader, [...replacedBy.values()]);
  return (id) => {
    const by = replacedBy.get(id) ?? null;
    return { replacedBy: by, replacedByName: by === null ? null : names(by) };
  };
}

/** Feedback to participants given by `today`, earliest first: a date after today has not happened yet. */
export function feedbackGivenBy(activity: ActivityFacts, today: string): FeedbackGivenFact[] {
  return activity.feedbackGiven.filter((f) => dayOf(f.givenOn) <= dayOf(today)).sort((a, b) => dayOf(a.givenOn) - dayOf(b.givenOn));
}

/**
 * The days of decisions a view walks: the period asked for, or, for one decision, its own day;
 * null for a decision the ledger does not hold.
 */
export async function decisionDays(reader: Reader, query: { decision?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<{ from?: string; to?: string } | null> {
  if (query.decision === undefined) return { ...(query.from === undefined ? {} : { from: query.from }), ...(query.to === undefined ? {} : { to: query.to }) };
  const one = (await reader.get(decisions, [decisionKey(query.decision)])).get(decisionKey(query.decision));
  return one === undefined ? null : { from: one.decidedOn, to: one.decidedOn };
}

/**
 * A page of a view over decisions, oldest first, within the days asked for (or one decision's):
 * each batch of decisions handed over with the activities their live links cite.
 */
export async function walkDecisions(
  reader: Reader,
  query: { decision?: string | undefined; from?: string | undefined; to?: string | undefined },
  after: IndexWalkPlace | undefined,
  limit: number,
  rowsOf: (batch: readonly DecisionFacts[], cited: ReadonlyMap<string, ActivityFacts>) => Promise<Row[][]>,
): Promise<PageOf<IndexWalkPlace>> {
  const days = await decisionDays(reader, query);
  if (days === null) return { rows: [], next: null };
  return walkIndex(reader, decisions, { terms: ['all'], ...days }, after, limit, async (batch) => {
    const rows = batch.map((b) => b.row);
    return rowsOf(rows, await citedActivities(reader, rows));
  });
}

export { liveLinks };
