// The consultation finder: published consultations by words, area, community of interest, topic,
// organisation (leading, or an accepted partner), where they stand on the day, and a period their
// window overlaps; newest first, closing soonest first, or most recently published first (the
// feeds). One page read through the one index term the filters name, from where the last ended.

import { z } from 'zod';
import { entityId, isoDate } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { areas, communities, organisations } from '../../facts/reference.js';
import { decisions } from '../../facts/decisions.js';
import { normaliseTopic, overlapsPeriod } from '../../filters.js';
import { dateOf, dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import { defineView } from '../../read-model-view.js';
import { consultationSummary, idsNamed } from './consultation-rows.js';
import { citedByPublished, consultationStatuses, standing } from './consultation-status.js';
import { namesFor } from './names.js';
import type { PublicSettings } from './settings.js';
import { termPlace, walkTerm, type TermWalk } from './walk.js';

export const finderFilters = z.object({
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Words found in the title, description or topics (each word, case-insensitive)' }),
  area: entityId.optional(),
  community: entityId.optional().meta({ description: 'A community of interest' }),
  topic: z.string().trim().min(1).max(100).optional(),
  organisation: entityId.optional().meta({ description: 'Run by this organisation, leading or as an accepted partner' }),
  status: z.enum(consultationStatuses).optional(),
  from: isoDate.optional().meta({ description: 'Window overlapping this period: start (inclusive)' }),
  to: isoDate.optional().meta({ description: 'Window overlapping this period: end (inclusive)' }),
  sort: z.enum(['newest', 'closing', 'published']).default('newest').meta({ description: 'newest opening first, closing soonest first (from today), or most recently published first' }),
});
export type FinderFilters = z.output<typeof finderFilters>;

const nextDay = (date: string): string => dateOf(dayOf(date) + 1);

/** The term a page walks, and which way: the narrowest the filters name, in the order asked for. */
function walkFor(filters: FinderFilters, today: string): TermWalk {
  if (filters.sort === 'published') return { term: 'public-published', reverse: true };
  if (filters.sort === 'closing') {
    const fromToday = filters.status === 'open' || filters.status === 'upcoming';
    return { term: 'public-closing', ...(fromToday ? { from: today } : {}) };
  }
  const named =
    filters.area !== undefined
      ? term('public-area', filters.area)
      : filters.community !== undefined
        ? term('public-community', filters.community)
        : filters.topic !== undefined
          ? term('public-topic', normaliseTopic(filters.topic))
          : filters.organisation !== undefined
            ? term('public-organisation', filters.organisation)
            : 'public';
  // Opening order: what opens after today is upcoming; what is open or closed opened by today.
  const from = filters.status === 'upcoming' ? nextDay(today) : undefined;
  const startedBy = filters.status !== undefined && filters.status !== 'upcoming' ? today : undefined;
  const to = [filters.to, startedBy].filter((d): d is string => d !== undefined).sort()[0];
  return { term: named, from, to, reverse: true };
}

/** Every word of `q` somewhere in the title, description or topics. */
export function matchesWords(a: ActivityFacts, q: string | undefined): boolean {
  if (q === undefined) return true;
  const text = [a.title, a.description ?? '', ...a.topics].join(' ').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

/** The filters that need no join: places, topic, organisation, words and period. */
export function matchesFinder(a: ActivityFacts, filters: Omit<FinderFilters, 'sort' | 'status'>): boolean {
  return (
    a.publication !== null &&
    (filters.area === undefined || a.areaIds.includes(filters.area)) &&
    (filters.community === undefined || a.communityIds.includes(filters.community)) &&
    (filters.topic === undefined || a.topics.some((t) => normaliseTopic(t) === normaliseTopic(filters.topic as string))) &&
    (filters.organisation === undefined || a.organisationId === filters.organisation || a.jointPartnerIds.includes(filters.organisation)) &&
    matchesWords(a, filters.q) &&
    overlapsPeriod(a.window.opens, a.window.closes, filters)
  );
}

export function consultationsView(settings: PublicSettings) {
  return defineView({
    path: 'public/consultations',
    summary: 'Published consultations: the finder',
    description: 'Published activities only, with where each stands on the day; never feedback, respondents or who recorded them.',
    reads: [activities, decisions, organisations, areas, communities],
    filters: finderFilters,
    place: termPlace,
    async page(reader, filters, { after, limit }) {
      return walkTerm(reader, activities, walkFor(filters, reader.today), after, limit, async (batch) => {
        const candidates = batch.map(({ row }) => (matchesFinder(row, filters) ? row : null));
        const present = candidates.filter((a): a is ActivityFacts => a !== null);
        const cited = await citedByPublished(reader, present.map((a) => a.activityId));
        const standings = candidates.map((a) => a && standing(a, reader.today, cited.has(a.activityId), settings.outcomeDueDays));
        const kept = candidates.map((a, i) => (a && (filters.status === undefined || standings[i]?.status === filters.status) ? a : null));
        const names = await namesFor(reader, idsNamed(kept.filter((a): a is ActivityFacts => a !== null)));
        return kept.map((a, i) => (a ? consultationSummary(a, standings[i] as NonNullable<(typeof standings)[number]>, names) : null));
      });
    },
  });
}
