// One published consultation, whole: we asked (purpose, documents, window, how to take part), you
// said (how many took part and who, through suppression; the themes found), we did (published
// decisions, actions, what participants were told). No row for an activity not published.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import { activities, activityKey } from '../../facts/activities.js';
import { actions } from '../../facts/actions.js';
import { decisions } from '../../facts/decisions.js';
import { areas, communities, organisations } from '../../facts/reference.js';
import { defineView } from '../../read-model-view.js';
import { consultationSummary, idsNamed } from './consultation-rows.js';
import { standing } from './consultation-status.js';
import { namesFor } from './names.js';
import type { PublicSettings } from './settings.js';
import { suppressReach } from './suppression.js';
import { weDid } from './we-did.js';

export const oneFilter = z.object({ id: entityId });

/** A single record has no next page. */
export const nowhere = z.object({}).strict();

export function consultationView(settings: PublicSettings) {
  return defineView({
    path: 'public/consultation',
    summary: 'One published consultation: we asked, you said, we did',
    reads: [activities, decisions, actions, organisations, areas, communities],
    filters: oneFilter,
    place: nowhere,
    async page(reader, { id }) {
      const activity = (await reader.get(activities, [activityKey(id)])).get(activityKey(id));
      if (!activity || activity.publication === null) return { rows: [], next: null };
      const did = await weDid(reader, activity);
      const names = await namesFor(reader, idsNamed([activity]));
      const state = standing(activity, reader.today, did.decisions.length > 0, settings.outcomeDueDays);
      const told = did.feedback_to_participants.at(-1);
      return {
        rows: [
          {
            ...consultationSummary(activity, state, names),
            documents: activity.documents.map((d) => ({ title: d.title, url: d.url, published_on: d.publishedOn })),
            reach: suppressReach(activity.participants, activity.equalityMonitoring, settings.suppressionThreshold),
            themes: activity.findings.filter((f) => !f.withdrawn && !activity.internalFindingIds.includes(f.findingId)).map((f) => ({ finding_id: f.findingId, theme: f.theme })),
            we_did: did,
            final_outcome_detail: told?.summary ?? null,
            final_outcome_publication_date: told?.given_on ?? null,
          },
        ],
        next: null,
      };
    },
  });
}
