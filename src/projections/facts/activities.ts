// The activities projection: one row per activity, its facts (activity-facts.ts), under
// `activity:<id>`, found by the questions views ask of activities. Every view over activities
// reads these rows; none keeps a copy.

import { dayOf } from '../periods.js';
import { normaliseTopic, promisesInfluence } from '../filters.js';
import { defineProjection, term, type IndexEntry } from '../projection.js';
import { activityEventTypes, evolveActivityFacts, type ActivityFacts } from './activity-facts.js';

export const activityKey = (activityId: string): string => `activity:${activityId}`;

/** A window over more years than this is found under `year:long`, not under each of its years. */
export const MOST_INDEXED_YEARS = 20;

/** The years a window touches as index terms: each year, or "long" past MOST_INDEXED_YEARS. */
export function windowYears(window: { opens: string; closes: string }): string[] {
  const first = Number(window.opens.slice(0, 4));
  const last = Number(window.closes.slice(0, 4));
  if (dayOf(window.closes) < dayOf(window.opens)) return [];
  if (last - first + 1 > MOST_INDEXED_YEARS) return ['long'];
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i).padStart(4, '0'));
}

/**
 * Where an activity is found, each in opening order unless said: all of them; by organisation
 * (leading, or a joint partner that accepted: one only invited gains nothing from it), area,
 * community, topic, category, status and year; by organisation and year together (the health
 * check's evidence); by the plan action it delivers; by closing (the latest closing); and closed
 * consultations by their closing day (the feedback loop).
 */
function activityIndex(a: ActivityFacts): IndexEntry[] {
  const opens = a.window.opens;
  const organisations = [...new Set([a.organisationId, ...a.jointPartnerIds])];
  const years = windowYears(a.window);
  const by = (...parts: string[]): IndexEntry => [term(...parts), opens];
  return [
    ['all', opens],
    ['closing', a.window.closes],
    ...organisations.map((o) => by('organisation', o)),
    ...organisations.flatMap((o) => years.map((y) => by('organisation-year', o, y))),
    ...a.areaIds.map((id) => by('area', id)),
    ...a.communityIds.map((id) => by('community', id)),
    ...[...new Set(a.topics.map(normaliseTopic))].map((topic) => by('topic', topic)),
    by('category', a.category),
    by('status', a.status),
    ...years.map((y) => by('year', y)),
    ...(a.actionId === null ? [] : [by('delivers', a.actionId)]),
    ...(a.closed && promisesInfluence(a.category) ? [['closed-consultation', a.closed.on] as const] : []),
    ...publicIndex(a),
  ];
}

/** Log positions sort as text once padded: the index keeps text. */
export const positionSort = (position: number): string => String(position).padStart(16, '0');

/**
 * Where the public site finds a published activity (none while unpublished): all of them and by
 * organisation (leading or an accepted partner), area, community and topic, in opening order; by
 * closing; by when it was published; and the log positions of what it shows with their hashes.
 */
function publicIndex(a: ActivityFacts): IndexEntry[] {
  if (a.publication === null) return [];
  const opens = a.window.opens;
  const by = (...parts: string[]): IndexEntry => [term(...parts), opens];
  return [
    ['public', opens],
    ['public-closing', a.window.closes],
    ['public-published', positionSort(a.publication.position)],
    ...[...new Set([a.organisationId, ...a.jointPartnerIds])].map((o) => by('public-organisation', o)),
    ...a.areaIds.map((id) => by('public-area', id)),
    ...a.communityIds.map((id) => by('public-community', id)),
    ...[...new Set(a.topics.map(normaliseTopic))].map((topic) => by('public-topic', topic)),
    ...a.feedbackGiven.map((f): IndexEntry => [term('public-at', positionSort(f.position)), '']),
  ];
}

export const activities = defineProjection<ActivityFacts, (typeof activityEventTypes)[number]>({
  name: 'activities',
  // 3: publication, how to take part, equality counts, feedback given in full (2: the domain's partners and plan links).
  version: 3,
  eventTypes: activityEventTypes,
  key: (event) => activityKey(event.data.activityId),
  evolve: evolveActivityFacts,
  index: activityIndex,
});

/** Opening order, ties by id, so every list of activities reads the same way. */
export const byOpening = (a: ActivityFacts, b: ActivityFacts): number =>
  a.window.opens < b.window.opens ? -1 : a.window.opens > b.window.opens ? 1 : a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0;

/** The index terms that hold the activities of a period: each of its years, and the long ones; none for a period too long to be worth it. */
export function periodYears(from: string, to: string): string[] | null {
  const years = windowYears({ opens: from, closes: to });
  return years.includes('long') ? null : [...years.map((y) => term('year', y)), term('year', 'long')];
}
