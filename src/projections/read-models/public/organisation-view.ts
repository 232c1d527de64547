// An organisation on the public site, year by year: of its published consultations that have
// closed (consultation and upward: information giving promises no influence), how many a published
// decision cites (evidenced influence) and how many told their participants the outcome.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import { activities } from '../../facts/activities.js';
import { decisions } from '../../facts/decisions.js';
import { organisationKey, organisations } from '../../facts/reference.js';
import { promisesInfluence, share } from '../../filters.js';
import { term } from '../../projection.js';
import { defineView, type Row } from '../../read-model-view.js';
import { offsetPlace, pageOfWhole } from '../paging.js';
import { publishedUnder } from './places-view.js';
import type { PublicSettings } from './settings.js';
import { citedByPublished, standing } from './consultation-status.js';
import { dayOf } from '../../periods.js';

export function organisationView(settings: PublicSettings) {
  return defineView({
    path: 'public/organisation',
    summary: 'An organisation: the share of its published consultations with evidenced influence and with feedback given, by year',
    reads: [activities, decisions, organisations],
    filters: z.object({ id: entityId }),
    place: offsetPlace,
    async page(reader, { id }, { after, limit }) {
      const counted = await publishedUnder(reader, term('public-organisation', id), settings);
      const name = (await reader.get(organisations, [organisationKey(id)])).get(organisationKey(id))?.name ?? null;
      const years = new Map<number, { consultations: number; influence: number; feedback: number; ids: string[] }>();
      for (const { activity } of counted) {
        if (!promisesInfluence(activity.category)) continue;
        // Counted in the year it closed; one still open has had no chance to show influence yet.
        const state = standing(activity, reader.today, false, settings.outcomeDueDays);
        if (state.closedOn === null) continue;
        const year = Number(state.closedOn.slice(0, 4));
        const tally = years.get(year) ?? { consultations: 0, influence: 0, feedback: 0, ids: [] };
        tally.consultations++;
        tally.ids.push(activity.activityId);
        if (activity.feedbackGiven.some((f) => dayOf(f.givenOn) <= dayOf(reader.today))) tally.feedback++;
        years.set(year, tally);
      }
      // Evidenced influence: a published decision cites it through a live link (feedback alone is not influence).
      const cited = await citedByPublished(reader, [...years.values()].flatMap((t) => t.ids));
      const all = [...years.entries()].sort(([a], [b]) => a - b);
      const { items, next } = pageOfWhole(all, after, limit);
      const rows = items.map(([year, t]): Row => {
        const withInfluence = t.ids.filter((a) => cited.has(a)).length;
        return {
          organisation: { id, name },
          year,
          consultations: t.consultations,
          with_evidenced_influence: withInfluence,
          with_feedback_given: t.feedback,
          share_with_evidenced_influence: share(withInfluence, t.consultations),
          share_with_feedback_given: share(t.feedback, t.consultations),
        };
      });
      return { rows, next };
    },
  });
}
