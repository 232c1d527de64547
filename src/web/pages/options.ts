// Choices for the filter forms, read from the views themselves: every area and community of
// interest the ledger defines, and every organisation that ran an activity.

import type { ReadService } from '../../read/read-service.js';
import { readView } from '../read.js';

export interface Choice {
  id: string;
  name: string;
}

export interface FilterChoices {
  areas: Choice[];
  communities: Choice[];
  organisations: Choice[];
  /** An area's or community's name, by kind and id. */
  targetName(kind: string, id: string): string;
}

const byName = (a: Choice, b: Choice): number => a.name.localeCompare(b.name);

export async function filterChoices(read: ReadService): Promise<FilterChoices> {
  const [targets, calendar] = await Promise.all([
    // The load view lists every defined area and community in each quarter asked about, even one nobody consulted in.
    readView(read, 'duplication/load', { from: '1900-01-01', to: '1900-03-31' }),
    readView(read, 'calendar', {}),
  ]);
  const names = new Map(targets.rows.map((r) => [`${String(r.targetKind)}:${String(r.targetId)}`, String(r.targetName ?? r.targetId)]));
  const of = (kind: string): Choice[] => targets.rows.filter((r) => r.targetKind === kind).map((r) => ({ id: String(r.targetId), name: String(r.targetName ?? r.targetId) }));
  const organisations = new Map(calendar.rows.map((r) => [String(r.organisationId), String(r.organisationName ?? r.organisationId)]));
  return {
    areas: of('area'),
    communities: of('community'),
    organisations: [...organisations].map(([id, name]) => ({ id, name })).sort(byName),
    targetName: (kind, id) => names.get(`${kind}:${id}`) ?? id,
  };
}
