import { describe, expect, it } from 'vitest';
import { initialOrganisationState, organisationDecider } from '../../src/domain/aggregates/organisation.js';
import { fold } from '../../src/domain/decider.js';
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

describe('networks and groups', () => {
  // Inverclyde's Community Engagement Network: "Champions" from the Alliance's services.
  const networkData: EventData<'OrganisationRegistered'> = { organisationId: 'inverclyde-cen', name: 'Community Engagement Network', kind: 'network' };
  const network: LedgerEvent = { type: 'OrganisationRegistered', data: networkData };
  const police = fold(organisationDecider, [registered]);
  const joining: EventData<'NetworkMemberAdded'> = { organisationId: 'inverclyde-cen', memberId: 'cheshire-police', role: 'Community Engagement Champion' };
  const joined: LedgerEvent = { type: 'NetworkMemberAdded', data: joining };
  const withPolice = { actor: admin, other: police };

  it('given a network, when an organisation the ledger knows joins, then it is a member', () => {
    given(organisationDecider, [network]).when({ type: 'AddNetworkMember', data: joining }, withPolice).thenEmits([joined]);
    expect(fold(organisationDecider, [network, joined]).members.has('cheshire-police')).toBe(true);
  });

  it('refuses members for an organisation that is not a network', () => {
    given(organisationDecider, [registered])
      .when({ type: 'AddNetworkMember', data: { ...joining, organisationId: 'cheshire-police', memberId: 'inverclyde-cen' } }, { actor: admin, other: fold(organisationDecider, [network]) })
      .thenRefusedWith('ORGANISATION_NOT_A_NETWORK');
  });

  it('refuses a member the ledger does not know, the network itself, and the same member twice', () => {
    given(organisationDecider, [network]).when({ type: 'AddNetworkMember', data: joining }, { actor: admin, other: initialOrganisationState }).thenRefusedWith('UNKNOWN_ORGANISATION');
    given(organisationDecider, [network])
      .when({ type: 'AddNetworkMember', data: { ...joining, memberId: 'inverclyde-cen' } }, { actor: admin, other: fold(organisationDecider, [network]) })
      .thenRefusedWith('ORGANISATION_NAMES_ITSELF');
    given(organisationDecider, [network, joined]).when({ type: 'AddNetworkMember', data: joining }, withPolice).thenRefusedWith('NETWORK_MEMBER_ALREADY_ADDED');
  });

  it('removes a member with the reason, and refuses to remove one that is not a member', () => {
    const leaving: EventData<'NetworkMemberRemoved'> = { organisationId: 'inverclyde-cen', memberId: 'cheshire-police', leftOn: '2010-03-31', reason: 'Champion moved on' };
    given(organisationDecider, [network, joined]).when({ type: 'RemoveNetworkMember', data: leaving }, { actor: admin }).thenEmits([{ type: 'NetworkMemberRemoved', data: leaving }]);
    given(organisationDecider, [network]).when({ type: 'RemoveNetworkMember', data: leaving }, { actor: admin }).thenRefusedWith('NETWORK_MEMBER_NOT_FOUND');
  });

  it('records the organisation that replaced another, once, and only one the ledger knows', () => {
    const replacing: EventData<'OrganisationReplaced'> = { organisationId: 'inverclyde-cen', replacedBy: 'cheshire-police', replacedOn: '2012-04-01' };
    const replaced: LedgerEvent = { type: 'OrganisationReplaced', data: replacing };
    given(organisationDecider, [network]).when({ type: 'ReplaceOrganisation', data: replacing }, withPolice).thenEmits([replaced]);
    given(organisationDecider, [network, replaced]).when({ type: 'ReplaceOrganisation', data: replacing }, withPolice).thenRefusedWith('ORGANISATION_ALREADY_REPLACED');
    given(organisationDecider, [network]).when({ type: 'ReplaceOrganisation', data: replacing }, { actor: admin, other: initialOrganisationState }).thenRefusedWith('UNKNOWN_ORGANISATION');
  });

  it('an officer cannot change a network’s members', () => {
    given(organisationDecider, [network]).when({ type: 'AddNetworkMember', data: joining }, { actor: officer('cheshire-police'), other: police }).thenRefusedWith('ADMIN_ONLY');
  });
});
