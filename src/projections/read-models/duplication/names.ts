// The names of what activities point at (organisations, areas, communities of interest), so
// reports read in words; and the reference data itself, so an area nobody consulted still shows.

import type { EventData } from '../../../domain/events/catalogue.js';
import { defineFact } from './facts.js';

export interface OrganisationName {
  organisationId: string;
  name: string;
}
export type AreaDefinition = EventData<'AreaDefined'>;
export type CommunityDefinition = EventData<'CommunityOfInterestDefined'>;

export const organisationNames = defineFact<OrganisationName>({
  eventTypes: ['OrganisationRegistered', 'OrganisationRenamed'],
  key: (event) => `organisation:${(event.data as { organisationId: string }).organisationId}`,
  evolve: (document, event) =>
    event.type === 'OrganisationRegistered' || event.type === 'OrganisationRenamed'
      ? { organisationId: event.data.organisationId, name: event.data.name }
      : document,
});

export const areaDefinitions = defineFact<AreaDefinition>({
  eventTypes: ['AreaDefined'],
  key: (event) => `area:${(event.data as { areaId: string }).areaId}`,
  evolve: (document, event) => (event.type === 'AreaDefined' ? event.data : document),
});

export const communityDefinitions = defineFact<CommunityDefinition>({
  eventTypes: ['CommunityOfInterestDefined'],
  key: (event) => `community:${(event.data as { communityId: string }).communityId}`,
  evolve: (document, event) => (event.type === 'CommunityOfInterestDefined' ? event.data : document),
});

/** Look names up by id; an id the ledger never defined has no name (null), and still shows by its id. */
export function nameIndex<T>(documents: readonly T[], id: (document: T) => string, name: (document: T) => string): (id: string) => string | null {
  const names = new Map(documents.map((d) => [id(d), name(d)]));
  return (key) => names.get(key) ?? null;
}
