// A published consultation as the public site and its open data show it. Field names follow the
// GOV.UK consultation content schema where they mean the same (opening_date, closing_date,
// ways_to_respond, first_public_at, final_outcome_detail...). Never here: feedback texts,
// respondents, subject ids, who recorded anything, credentials; counts of people only through
// suppression.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import type { Row } from '../../read-model-view.js';
import type { Standing } from './consultation-status.js';
import type { Names } from './names.js';

export const consultationPath = (id: string): string => `/consultations/${id}`;
export const decisionPath = (id: string): string => `/decisions/${id}`;

/** Where and when the ledger recorded something the site shows: the page adds its hash from the log. */
export const recorded = (position: number, at: string): { position: number; recorded_at: string } => ({ position, recorded_at: at });

/** The ids a page of consultations names, for one lookup of their names. */
export function idsNamed(activities: readonly ActivityFacts[]): { organisations: string[]; areas: string[]; communities: string[] } {
  return {
    organisations: activities.flatMap((a) => [a.organisationId, ...a.jointPartnerIds]),
    areas: activities.flatMap((a) => a.areaIds),
    communities: activities.flatMap((a) => a.communityIds),
  };
}

export function consultationSummary(a: ActivityFacts, standing: Standing, names: Names): Row {
  const publication = a.publication as NonNullable<ActivityFacts['publication']>;
  return {
    id: a.activityId,
    base_path: consultationPath(a.activityId),
    title: a.title,
    description: a.description ?? null,
    organisation: names.organisation(a.organisationId),
    partners: a.jointPartnerIds.map(names.organisation),
    areas: a.areaIds.map(names.area),
    communities: a.communityIds.map(names.community),
    topics: a.topics,
    method: a.method,
    category: a.category,
    opening_date: a.window.opens,
    closing_date: a.window.closes,
    status: standing.status,
    cancelled_on: a.cancelledOn,
    closed_on: standing.closedOn,
    days_since_closing: standing.daysSinceClosing,
    outcome_published: standing.outcomePublished,
    outcome_overdue: standing.outcomeOverdue,
    ways_to_respond: a.howToTakePart === null ? null : { link_url: a.howToTakePart.url, how_to_respond: a.howToTakePart.howToRespond },
    first_public_at: publication.at,
    ledger_position: publication.position,
  };
}
