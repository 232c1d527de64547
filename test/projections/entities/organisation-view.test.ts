import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { emptyOrganisationView, evolveOrganisationView, organisationView } from '../../../src/projections/entities/organisation-view.js';

const registered: LedgerEvent = { type: 'OrganisationRegistered', data: { organisationId: 'rcvda', name: 'RCVDA', kind: 'third_sector_interface' } };
const renamed = (name: string, reason: string): LedgerEvent => ({ type: 'OrganisationRenamed', data: { organisationId: 'rcvda', name, reason } });

describe('organisation view', () => {
  it('shows the current name, and each rename from what to what', () => {
    const view = organisationView([registered, renamed('Redcar & Cleveland VDA', 'Full name'), renamed('RCVDA', 'Back to the short name')]);
    expect(view).toEqual({
      organisationId: 'rcvda',
      name: 'RCVDA',
      kind: 'third_sector_interface',
      renames: [
        { from: 'RCVDA', to: 'Redcar & Cleveland VDA', reason: 'Full name' },
        { from: 'Redcar & Cleveland VDA', to: 'RCVDA', reason: 'Back to the short name' },
      ],
      members: [],
      formerMembers: [],
      replaced: null,
    });
  });

  it('ignores a rename of an organisation it has not seen registered', () => {
    expect(evolveOrganisationView(emptyOrganisationView, renamed('X', 'y'))).toBe(emptyOrganisationView);
  });
});
