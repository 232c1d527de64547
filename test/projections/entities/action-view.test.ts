import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { actionView } from '../../../src/projections/entities/action-view.js';

const actionId = 'halton-a1';
const planned: LedgerEvent = {
  type: 'ActionPlanned',
  data: { actionId, organisationId: 'halton-council', planId: 'halton-ces', what: 'Consultation calendar', lead: 'HBC', leadOrganisationIds: [], targetDate: '2013-04-30', timescale: 'April 2013' },
};
const noted = (notedOn: string, note: string): LedgerEvent => ({ type: 'ActionProgressNoted', data: { actionId, notedOn, note } });

describe('action view', () => {
  it('shows the current target date and lead, and how often the timing moved', () => {
    const view = actionView([
      planned,
      { type: 'ActionRetimed', data: { actionId, targetDate: '2013-06-30', reason: 'Waiting on health' } },
      { type: 'ActionRetimed', data: { actionId, timescale: 'Summer 2013', reason: 'Board wording' } },
      { type: 'ActionReassigned', data: { actionId, lead: 'Halton SSP', leadOrganisationIds: ['cheshire-police'], reason: 'Partnership-wide' } },
    ]);
    expect(view.planned).toMatchObject({ targetDate: '2013-06-30', timescale: 'Summer 2013', lead: 'Halton SSP', leadOrganisationIds: ['cheshire-police'] });
    expect(view.retimings).toBe(2);
  });

  it('keeps progress notes in the order they were noted on, whatever the order they were recorded in', () => {
    const view = actionView([planned, noted('2013-03-01', 'b'), noted('2013-01-01', 'a'), noted('2013-03-01', 'c'), noted('2013-04-01', 'd')]);
    expect(view.progress.map((n) => n.note)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('follows status changes and reopenings, a reopened action being back in progress', () => {
    const view = actionView([
      planned,
      { type: 'ActionStatusChanged', data: { actionId, from: 'planned', to: 'withdrawn', reason: 'Greyed out' } },
      { type: 'ActionReopened', data: { actionId, from: 'withdrawn', reason: 'Back in the strategy' } },
    ]);
    expect(view.status).toBe('in_progress');
    expect(view.statusChanges).toEqual([{ from: 'planned', to: 'withdrawn', reason: 'Greyed out' }]);
    expect(view.reopenings).toEqual([{ from: 'withdrawn', reason: 'Back in the strategy' }]);
  });

  it('lists its milestones by due date, each with the day it was reached', () => {
    const view = actionView([
      planned,
      { type: 'ActionMilestoneAdded', data: { actionId, milestoneId: 'm2', what: 'Owner identified', due: '2016-09-30' } },
      { type: 'ActionMilestoneAdded', data: { actionId, milestoneId: 'm1', what: 'Paper to CPP Board', due: '2016-06-30' } },
      { type: 'ActionMilestoneReached', data: { actionId, milestoneId: 'm1', reachedOn: '2016-06-21' } },
    ]);
    expect(view.milestones).toEqual([
      { milestoneId: 'm1', what: 'Paper to CPP Board', due: '2016-06-30', reachedOn: '2016-06-21' },
      { milestoneId: 'm2', what: 'Owner identified', due: '2016-09-30', reachedOn: null },
    ]);
  });

  it('lists each lead organisation with where its invitation stands, the action’s own organisation never among them', () => {
    const view = actionView([
      { ...planned, data: { ...(planned.data as object), leadOrganisationIds: ['halton-council', 'cheshire-police', 'halton-housing-trust'] } } as LedgerEvent,
      { type: 'ActionLeadAccepted', data: { actionId, organisationId: 'cheshire-police' } },
    ]);
    expect(view.leads).toEqual([
      { organisationId: 'cheshire-police', status: 'accepted' },
      { organisationId: 'halton-housing-trust', status: 'invited' },
    ]);
  });
});
