// Choices for the filter forms, from the reference read models through the read service: every
// area, community of interest and organisation the ledger defines.

import type { Choice } from '../../projections/read-models/reference/choices.js';
import type { ReadService } from '../../read/read-service.js';

export interface FilterChoices {
  areas: Choice[];
  communities: Choice[];
  organisations: Choice[];
  /** An area's or community's name, by kind and id. */
  targetName(kind: string, id: string): string;
}

export async function filterChoices(read: ReadService): Promise<FilterChoices> {
  const [areas, communities, organisations] = await Promise.all([read.choices('areas'), read.choices('communities'), read.choices('organisations')]);
  const names = new Map<string, string>([...areas.choices.map((a) => [`area:${a.id}`, a.name] as const), ...communities.choices.map((c) => [`community:${c.id}`, c.name] as const)]);
  return {
    areas: areas.choices,
    communities: communities.choices,
    organisations: organisations.choices,
    targetName: (kind, id) => names.get(`${kind}:${id}`) ?? id,
  };
}
