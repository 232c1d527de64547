// Where a published consultation stands for a resident, on a given day: upcoming, open, closed
// and awaiting its outcome, or with its outcome published (a published decision cites it through
// a live link, or its participants were told the outcome); or cancelled. A consultation whose
// window has passed counts as closed on its closing day even if no one recorded the close.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import { decisions } from '../../facts/decisions.js';
import { daysBetween } from '../../filters.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';

export const consultationStatuses = ['upcoming', 'open', 'closed_awaiting_outcome', 'outcome_published', 'cancelled'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export interface Standing {
  status: ConsultationStatus;
  /** The day it closed (recorded, or its window's last day once passed); null while upcoming or open. */
  closedOn: string | null;
  daysSinceClosing: number | null;
  outcomePublished: boolean;
  /** Closed longer than the days allowed with no outcome published. */
  outcomeOverdue: boolean;
}

/** Which of these activities a published decision cites through a live link: one count per activity. */
export async function citedByPublished(reader: Reader, activityIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(activityIds)];
  if (ids.length === 0) return new Set();
  const counts = await reader.count(decisions, ids.map((id) => term('public-cites', id)));
  return new Set(ids.filter((_, i) => (counts[i] ?? 0) > 0));
}

export function standing(activity: ActivityFacts, today: string, cited: boolean, outcomeDueDays: number): Standing {
  const day = dayOf(today);
  const told = activity.feedbackGiven.some((f) => dayOf(f.givenOn) <= day);
  const outcomePublished = cited || told;
  if (activity.cancelledOn !== null) return { status: 'cancelled', closedOn: null, daysSinceClosing: null, outcomePublished, outcomeOverdue: false };
  const closedOn = activity.closed && dayOf(activity.closed.on) <= day ? activity.closed.on : dayOf(activity.window.closes) < day ? activity.window.closes : null;
  if (closedOn !== null) {
    const daysSinceClosing = daysBetween(closedOn, today);
    return {
      status: outcomePublished ? 'outcome_published' : 'closed_awaiting_outcome',
      closedOn,
      daysSinceClosing,
      outcomePublished,
      outcomeOverdue: !outcomePublished && daysSinceClosing > outcomeDueDays,
    };
  }
  const open = activity.opened !== null || dayOf(activity.window.opens) <= day;
  return { status: open ? 'open' : 'upcoming', closedOn: null, daysSinceClosing: null, outcomePublished, outcomeOverdue: false };
}
