import { describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { planView } from '../../../src/projections/entities/plan-view.js';

const planId = 'halton-ces';
const adopted: LedgerEvent = {
  type: 'PlanAdopted',
  data: { planId, organisationId: 'halton-council', title: 'Community Engagement Strategy', kind: 'strategy', adoptedOn: '2012-04-01', partnerIds: [] },
};
const objective = (objectiveId: string, title: string): LedgerEvent => ({ type: 'ObjectiveAdded', data: { planId, objectiveId, code: objectiveId, title } });

describe('plan view', () => {
  it('shows each objective as amended, with its amendments and indicators', () => {
    const view = planView([
      adopted,
      objective('1', 'Coordinate engagement'),
      objective('2', 'Build capacity'),
      { type: 'ObjectiveAmended', data: { planId, objectiveId: '2', description: 'In the voluntary sector', reason: 'Board asked' } },
      { type: 'OutcomeIndicatorAdded', data: { planId, objectiveId: '1', indicatorId: 'i1', code: '1.1', text: 'Joint consultations' } },
      { type: 'OutcomeIndicatorAdded', data: { planId, objectiveId: '1', indicatorId: 'i2', code: '1.2', text: 'Calendar published' } },
    ]);
    expect(view.adopted).toEqual(adopted.data);
    expect(view.objectives).toEqual([
      {
        objectiveId: '1',
        code: '1',
        title: 'Coordinate engagement',
        amendments: [],
        indicators: [
          { indicatorId: 'i1', code: '1.1', text: 'Joint consultations' },
          { indicatorId: 'i2', code: '1.2', text: 'Calendar published' },
        ],
      },
      {
        objectiveId: '2',
        code: '2',
        title: 'Build capacity',
        description: 'In the voluntary sector',
        amendments: [{ description: 'In the voluntary sector', reason: 'Board asked' }],
        indicators: [],
      },
    ]);
  });

  it('leaves what an amendment does not mention as it was', () => {
    const view = planView([adopted, objective('1', 'Coordinate engagement'), { type: 'ObjectiveAmended', data: { planId, objectiveId: '1', reason: 'Noted only' } }]);
    expect(view.objectives[0]).toMatchObject({ title: 'Coordinate engagement', amendments: [{ reason: 'Noted only' }] });
  });

  it('shows where a plan stands: drafted, proposed, adopted, then superseded and by what', () => {
    const { adoptedOn: _a, ...details } = adopted.data as EventData<'PlanAdopted'>;
    const drafted: LedgerEvent = { type: 'PlanDrafted', data: { ...details, draftedOn: '2011-03-01', draftVersion: 'Version 1.1' } };
    const proposed: LedgerEvent = { type: 'PlanProposed', data: { planId, proposedOn: '2011-04-01', proposedTo: 'Strategic Partnership Board' } };
    const superseded: LedgerEvent = { type: 'PlanSuperseded', data: { planId, supersededBy: 'halton-ces-2014', supersededOn: '2014-04-01' } };
    expect(planView([drafted]).status).toBe('draft');
    expect(planView([drafted, proposed])).toMatchObject({ status: 'proposed', proposed: { proposedTo: 'Strategic Partnership Board' }, adopted: null });
    const view = planView([drafted, proposed, adopted, superseded]);
    expect(view).toMatchObject({ status: 'superseded', drafted: { draftVersion: 'Version 1.1' }, adopted: adopted.data, superseded: { supersededBy: 'halton-ces-2014' } });
  });

  it('lists the plan’s resources with their total in pence, and its risks', () => {
    const view = planView([
      adopted,
      { type: 'PlanResourceAdded', data: { planId, resourceId: 'r1', item: 'Venues', amountPence: 150_000, basis: 'Say £100 X15' } },
      { type: 'PlanResourceAdded', data: { planId, resourceId: 'r2', item: 'Staff time from each partner' } },
      { type: 'PlanResourceAdded', data: { planId, resourceId: 'r3', item: 'Best practice resources', amountPence: 100_000 } },
      { type: 'PlanRiskIdentified', data: { planId, riskId: 'k1', risk: 'Not delivering it successfully', mitigation: 'Six-monthly review' } },
    ]);
    expect(view.resources.map((r) => r.resourceId)).toEqual(['r1', 'r2', 'r3']);
    expect(view.totalPence).toBe(250_000);
    expect(view.risks).toEqual([{ riskId: 'k1', risk: 'Not delivering it successfully', mitigation: 'Six-monthly review' }]);
  });

  it('lists each partner with where its invitation stands; a draft’s answers stand once it is adopted', () => {
    const { adoptedOn: _a, ...details } = { ...(adopted.data as EventData<'PlanAdopted'>), partnerIds: ['cheshire-police', 'halton-housing-trust'] };
    const view = planView([
      { type: 'PlanDrafted', data: { ...details, draftedOn: '2011-03-01' } },
      { type: 'PlanPartnershipAccepted', data: { planId, organisationId: 'cheshire-police' } },
      { type: 'PlanAdopted', data: { ...details, adoptedOn: '2011-06-01' } },
    ]);
    expect(view.partners).toEqual([
      { organisationId: 'cheshire-police', status: 'accepted' },
      { organisationId: 'halton-housing-trust', status: 'invited' },
    ]);
  });
});
