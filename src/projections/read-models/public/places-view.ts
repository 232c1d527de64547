// An area or a community of interest on the public site: its published consultations quarter by
// quarter, the quarters it was over- or under-consulted (by the deployment's marks), and how many
// of those consultations have their outcome published. Cancelled ones are not counted. Counts of
// consultations, never of people.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { decisions } from '../../facts/decisions.js';
import { areaKey, areas, communities, communityKey } from '../../facts/reference.js';
import { assertPeriodAllowed, dateOf, dayOf, periodsOverlapping } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { defineView, type Row } from '../../read-model-view.js';
import { allUnder, offsetPlace, pageOfWhole } from '../paging.js';
import { citedByPublished, standing } from './consultation-status.js';
import type { PublicSettings } from './settings.js';

type PlaceKind = 'area' | 'community';

async function nameOf(reader: Reader, kind: PlaceKind, id: string): Promise<string | null> {
  if (kind === 'area') return (await reader.get(areas, [areaKey(id)])).get(areaKey(id))?.name ?? null;
  return (await reader.get(communities, [communityKey(id)])).get(communityKey(id))?.name ?? null;
}

/** The published, not cancelled, consultations of a term, with whether each has its outcome published. */
export async function publishedUnder(reader: Reader, indexTerm: string, settings: PublicSettings): Promise<Array<{ activity: ActivityFacts; outcome: boolean }>> {
  const counted = (await allUnder(reader, activities, indexTerm)).map((r) => r.row).filter((a) => a.publication !== null && a.cancelledOn === null);
  const cited = await citedByPublished(reader, counted.map((a) => a.activityId));
  return counted.map((activity) => ({ activity, outcome: standing(activity, reader.today, cited.has(activity.activityId), settings.outcomeDueDays).outcomePublished }));
}

function placeView(kind: PlaceKind, settings: PublicSettings) {
  return defineView({
    path: kind === 'area' ? 'public/area' : 'public/community',
    summary: kind === 'area' ? 'An area: its published consultations by quarter' : 'A community of interest: its published consultations by quarter',
    reads: [activities, decisions, kind === 'area' ? areas : communities],
    filters: z.object({ id: entityId }),
    place: offsetPlace,
    async page(reader, { id }, { after, limit }) {
      const counted = await publishedUnder(reader, term(kind === 'area' ? 'public-area' : 'public-community', id), settings);
      if (counted.length === 0) return { rows: [], next: null };
      const opens = dateOf(Math.min(...counted.map((c) => dayOf(c.activity.window.opens))));
      const closes = dateOf(Math.max(...counted.map((c) => dayOf(c.activity.window.closes))));
      assertPeriodAllowed(opens, closes);
      const name = await nameOf(reader, kind, id);
      const quarters = periodsOverlapping('quarter', { opens, closes });
      const { items, next } = pageOfWhole(quarters, after, limit);
      const rows = items.map((quarter): Row => {
        const within = counted.filter((c) => dayOf(c.activity.window.opens) <= dayOf(quarter.ends) && dayOf(quarter.starts) <= dayOf(c.activity.window.closes));
        return {
          place: { kind, id, name },
          quarter: quarter.label,
          quarter_starts: quarter.starts,
          quarter_ends: quarter.ends,
          consultations: within.length,
          consultation_ids: within.map((c) => c.activity.activityId),
          over_consulted: within.length >= settings.overConsultedAt,
          under_consulted: within.length <= settings.underConsultedAt,
          outcomes_published: within.filter((c) => c.outcome).length,
        };
      });
      return { rows, next };
    },
  });
}

export const areaView = (settings: PublicSettings) => placeView('area', settings);
export const communityView = (settings: PublicSettings) => placeView('community', settings);
