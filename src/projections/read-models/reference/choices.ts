// Choices for filter forms, read from the reference read models: every area, community of
// interest, organisation and plan the ledger defines, and every topic its activities name,
// by name. Bounded: a form lists at most MAX_CHOICES of each.

import { activities } from '../../facts/activities.js';
import { plans } from '../../facts/plans.js';
import { areas, communities, organisations } from '../../facts/reference.js';
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

async function listed(reader: Reader, kind: ChoiceKind, limit: number): Promise<Choice[]> {
  switch (kind) {
    case 'areas':
      return (await reader.scan(areas, 'all', { limit })).map(({ row }) => ({ id: row.areaId, name: row.name }));
    case 'communities':
      return (await reader.scan(communities, 'all', { limit })).map(({ row }) => ({ id: row.communityId, name: row.name }));
    case 'organisations':
      return (await reader.scan(organisations, 'all', { limit })).map(({ row }) => ({ id: row.organisationId, name: row.name }));
    case 'plans':
      return (await reader.scan(plans, 'all', { limit })).flatMap(({ row }) => (row.adopted ? [{ id: row.adopted.planId, name: row.adopted.title }] : []));
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
