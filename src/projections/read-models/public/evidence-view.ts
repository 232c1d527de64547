// Which log positions the public site shows, for its proofs: a route that proves an event's
// inclusion answers only for these, so the public cannot walk the log through it. Shown: what a
// published consultation's "we did" lists (feedback to its participants), a published decision and
// its live links to published consultations, and the actions that carry out a published decision.

import { z } from 'zod';
import { activities, activityKey, positionSort } from '../../facts/activities.js';
import { actions } from '../../facts/actions.js';
import { decisionKey, decisions, liveLinks } from '../../facts/decisions.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { defineView, type Row } from '../../read-model-view.js';
import { consultationPath, decisionPath } from './consultation-rows.js';
import { nowhere } from './consultation-view.js';

async function shownAt(reader: Reader, position: number): Promise<Row | null> {
  const at = term('public-at', positionSort(position));
  const [told] = await reader.scan(activities, at, { limit: 1 });
  if (told && told.row.publication !== null) return { position, kind: 'feedback_to_participants', base_path: consultationPath(told.row.activityId) };
  const [decided] = await reader.scan(decisions, at, { limit: 1 });
  if (decided && decided.row.publication !== null) {
    const d = decided.row;
    if (d.position === position) return { position, kind: 'decision', base_path: decisionPath(d.decisionId) };
    const link = liveLinks(d).find((l) => l.position === position);
    const activity = link && (await reader.get(activities, [activityKey(link.activityId)])).get(activityKey(link.activityId));
    if (link && activity?.publication) return { position, kind: 'influence', base_path: decisionPath(d.decisionId) };
  }
  const [action] = await reader.scan(actions, term('at', positionSort(position)), { limit: 1 });
  if (action?.row.decisionId) {
    const decision = (await reader.get(decisions, [decisionKey(action.row.decisionId)])).get(decisionKey(action.row.decisionId));
    if (decision?.publication) return { position, kind: 'action', base_path: decisionPath(decision.decisionId) };
  }
  return null;
}

export function evidenceView() {
  return defineView({
    path: 'public/evidence',
    summary: 'Whether the public site shows the event at a log position',
    reads: [activities, decisions, actions],
    filters: z.object({ position: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
    place: nowhere,
    async page(reader, { position }) {
      const row = await shownAt(reader, position);
      return { rows: row ? [row] : [], next: null };
    },
  });
}
