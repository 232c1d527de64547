import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
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
});
