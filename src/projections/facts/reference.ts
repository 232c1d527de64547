// Reference data, each its own projection: organisations (by their current name), areas and
// communities of interest as defined, so reports read in words and an area nobody consulted
// still shows.

import type { EventData } from '../../domain/events/catalogue.js';
import { defineProjection } from '../projection.js';

export interface OrganisationName {
  organisationId: string;
  name: string;
}
export type AreaDefinition = EventData<'AreaDefined'>;
export type CommunityDefinition = EventData<'CommunityOfInterestDefined'>;

export const organisationKey = (organisationId: string): string => `organisation:${organisationId}`;
export const areaKey = (areaId: string): string => `area:${areaId}`;
export const communityKey = (communityId: string): string => `community:${communityId}`;

export const organisations = defineProjection<OrganisationName, 'OrganisationRegistered' | 'OrganisationRenamed'>({
  name: 'organisations',
  version: 1,
  eventTypes: ['OrganisationRegistered', 'OrganisationRenamed'],
  key: (event) => organisationKey(event.data.organisationId),
  evolve: (row, event) =>
    event.type === 'OrganisationRegistered' || row ? { organisationId: event.data.organisationId, name: event.data.name } : row,
  // By id (their key): the forms list them, the not-submitted view expects each.
  index: () => [['all', '']],
});

export const areas = defineProjection<AreaDefinition, 'AreaDefined'>({
  name: 'areas',
  version: 1,
  eventTypes: ['AreaDefined'],
  key: (event) => areaKey(event.data.areaId),
  evolve: (_row, event) => event.data,
  index: (area) => [['all', area.name]],
});

export const communities = defineProjection<CommunityDefinition, 'CommunityOfInterestDefined'>({
  name: 'communities',
  version: 1,
  eventTypes: ['CommunityOfInterestDefined'],
  key: (event) => communityKey(event.data.communityId),
  evolve: (_row, event) => event.data,
  index: (community) => [['all', community.name]],
});

/** Organisations' names by id; an id the ledger never registered has no name (null), and still shows by its id. */
export function namesOf(rows: readonly OrganisationName[]): (organisationId: string) => string | null {
  const names = new Map(rows.map((o) => [o.organisationId, o.name]));
  return (id) => names.get(id) ?? null;
}
