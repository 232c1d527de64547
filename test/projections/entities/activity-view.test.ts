import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { activityView } from '../../../src/projections/entities/activity-view.js';
import { workshop } from '../../domain/fixtures.js';

describe('activity view', () => {
  it('applies only what a finding’s amendment sets, and marks a withdrawn finding without dropping it', () => {
    const finding: LedgerEvent = {
      type: 'FindingRecorded',
      data: { activityId: 'redcar-workshop-1', findingId: 'f1', theme: 'Ask once', summary: 'Share what you know', feedbackIds: [] },
    };
    const view = activityView([
      { type: 'ActivityPlanned', data: workshop() },
      finding,
      { type: 'FindingAmended', data: { activityId: 'redcar-workshop-1', findingId: 'f1', summary: 'Share what you already know', reason: 'Clearer' } },
      { type: 'FindingWithdrawn', data: { activityId: 'redcar-workshop-1', findingId: 'f1', reason: 'Duplicate' } },
    ]);
    expect(view.findings).toEqual([expect.objectContaining({ theme: 'Ask once', summary: 'Share what you already know', withdrawn: true })]);
  });

  it('lists each joint partner with where its invitation stands, keeping answers while it is still named', () => {
    const activityId = 'redcar-workshop-1';
    const view = activityView([
      { type: 'ActivityPlanned', data: workshop() },
      { type: 'JointPartnershipAccepted', data: { activityId, organisationId: 'rcvda' } },
      { type: 'ActivityDetailsAmended', data: { activityId, changes: { jointPartnerIds: ['rcvda', 'tvrcc', 'cen'] }, reason: 'All three named' } },
      { type: 'JointPartnershipDeclined', data: { activityId, organisationId: 'cen', reason: 'Not ours' } },
    ]);
    expect(view.partners).toEqual([
      { organisationId: 'rcvda', status: 'accepted' },
      { organisationId: 'tvrcc', status: 'invited' },
      { organisationId: 'cen', status: 'declined' },
    ]);
  });
});
