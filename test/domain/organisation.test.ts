import { describe, it } from 'vitest';
import { organisationDecider } from '../../src/domain/aggregates/organisation.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { admin, given, officer } from './given.js';

const asAdmin = { actor: admin };
const registration: EventData<'OrganisationRegistered'> = { organisationId: 'cheshire-police', name: 'Cheshire Constabulary', kind: 'police' };
const registered: LedgerEvent = { type: 'OrganisationRegistered', data: registration };
const renaming: EventData<'OrganisationRenamed'> = { organisationId: 'cheshire-police', name: 'Cheshire Police', reason: 'Rebranded' };

describe('organisation', () => {
  it('an administrator registers an organisation and renames it', () => {
    given(organisationDecider).when({ type: 'RegisterOrganisation', data: registration }, asAdmin).thenEmits([registered]);
    given(organisationDecider, [registered]).when({ type: 'RenameOrganisation', data: renaming }, asAdmin).thenEmits([{ type: 'OrganisationRenamed', data: renaming }]);
  });

  it('refuses to register an organisation twice', () => {
    given(organisationDecider, [registered]).when({ type: 'RegisterOrganisation', data: registration }, asAdmin).thenRefusedWith('ORGANISATION_ALREADY_REGISTERED');
  });

  it('refuses to rename an organisation that is not registered', () => {
    given(organisationDecider).when({ type: 'RenameOrganisation', data: renaming }, asAdmin).thenRefusedWith('ORGANISATION_NOT_FOUND');
  });

  it('an officer cannot register an organisation, even their own', () => {
    given(organisationDecider).when({ type: 'RegisterOrganisation', data: registration }, { actor: officer('cheshire-police') }).thenRefusedWith('ADMIN_ONLY');
  });
});
