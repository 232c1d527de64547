// Reference data, each its own projection: organisations (by their current name, with their kind
// and what replaced them), areas and communities of interest as defined, so reports read in words
// and an area nobody consulted still shows.

import type { EventData } from '../../domain/events/catalogue.js';
import type { OrganisationKind } from '../../domain/events/organisation.js';
import type { IsoDate } from '../../domain/values.js';
import { defineProjection } from '../projection.js';

export interface OrganisationName {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  /** The organisation it gave way to (a network re-established under a new name, a merged service); null while it stands. */
  replacedBy: string | null;
  replacedOn: IsoDate | null;
}
export type AreaDefinition = EventData<'AreaDefined'>;
export type CommunityDefinition = EventData<'CommunityOfInterestDefined'>;

export const organisationKey = (organisationId: string): string => `organisation:${organisationId}`;
export const areaKey = (areaId: string): string => `area:${areaId}`;
export const communityKey = (communityId: string): string => `community:${communityId}`;

export const organisations = defineProjection<OrganisationName, 'OrganisationRegistered' | 'OrganisationRenamed' | 'OrganisationReplaced'>({
  name: 'organisations',
  version: 2,
  eventTypes: ['OrganisationRegistered', 'OrganisationRenamed', 'OrganisationReplaced'],
  key: (event) => organisationKey(event.data.organisationId),
  evolve(row, event) {
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { organisationId, name, kind } = event.data;
        return { organisationId, name, kind, replacedBy: null, replacedOn: null };
      }
      case 'OrganisationRenamed':
        return row ? { ...row, name: event.data.name } : row;
      case 'OrganisationReplaced':
        return row ? { ...row, replacedBy: event.data.replacedBy, replacedOn: event.data.replacedOn ?? null } : row;
    }
  },
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

/** A network of partners' officers meets and coordinates; it is not a partner that answers a health check for itself. */
export const isNetwork = (organisation: Pick<OrganisationName, 'kind'>): boolean => organisation.kind === 'network';

/** Organisations' names by id; an id the ledger never registered has no name (null), and still shows by its id. */
export function namesOf(rows: readonly OrganisationName[]): (organisationId: string) => string | null {
  const names = new Map(rows.map((o) => [o.organisationId, o.name]));
  return (id) => names.get(id) ?? null;
}
