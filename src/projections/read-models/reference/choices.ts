// Choices for filter forms, read from the reference read models: every area, community of
// interest, organisation (one replaced by another says so) and plan (drafts too) the ledger
// defines, and every topic its activities name, by name. Bounded: a form lists at most
// MAX_CHOICES of each.

import { activities } from '../../facts/activities.js';
import { planDetails, plans } from '../../facts/plans.js';
import { areas, communities, organisationKey, organisations, type OrganisationName } from '../../facts/reference.js';
import type { Reader } from '../../reader.js';

export const choiceKinds = ['areas', 'communities', 'organisations', 'topics', 'plans'] as const;
export type ChoiceKind = (typeof choiceKinds)[number];

export interface Choice {
  id: string;
  name: string;
}

export interface Choices {
  choices: Choice[];
  /** The ledger holds more than were listed. */
  more: boolean;
}

/** The most choices of one kind a form lists. */
export const MAX_CHOICES = 1_000;

/** "Community Engagement Network (replaced by Community Practitioners Forum)": an organisation that gave way to another says so where it is listed. */
async function organisationChoices(reader: Reader, rows: readonly OrganisationName[]): Promise<Choice[]> {
  const successors = await reader.get(organisations, rows.flatMap((o) => (o.replacedBy === null ? [] : [organisationKey(o.replacedBy)])));
  const nameOf = (id: string): string => successors.get(organisationKey(id))?.name ?? id;
  return rows.map((o) => ({ id: o.organisationId, name: o.replacedBy === null ? o.name : `${o.name} (replaced by ${nameOf(o.replacedBy)})` }));
}

async function listed(reader: Reader, kind: ChoiceKind, limit: number): Promise<Choice[]> {
  switch (kind) {
    case 'areas':
      return (await reader.scan(areas, 'all', { limit })).map(({ row }) => ({ id: row.areaId, name: row.name }));
    case 'communities':
      return (await reader.scan(communities, 'all', { limit })).map(({ row }) => ({ id: row.communityId, name: row.name }));
    case 'organisations':
      return organisationChoices(reader, (await reader.scan(organisations, 'all', { limit })).map(({ row }) => row));
    case 'plans':
      return (await reader.scan(plans, 'all', { limit })).flatMap(({ row }) => {
        const plan = planDetails(row);
        return plan ? [{ id: plan.planId, name: plan.title }] : [];
      });
    case 'topics':
      // The topics activities name, as the index keeps them (trimmed, lower case): one each.
      return (await reader.terms(activities, 'topic:', { limit })).map((term) => ({ id: term.slice('topic:'.length), name: term.slice('topic:'.length) }));
  }
}

export async function choicesOf(reader: Reader, kind: ChoiceKind, limit = MAX_CHOICES): Promise<Choices> {
  const found = await listed(reader, kind, Math.min(limit, MAX_CHOICES) + 1);
  const more = found.length > Math.min(limit, MAX_CHOICES);
  const choices = found.slice(0, Math.min(limit, MAX_CHOICES)).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { choices, more };
}
