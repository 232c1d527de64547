import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { decisionView } from '../../../src/projections/entities/decision-view.js';

const decisionId = 'rc-09-09-01';
const recorded: LedgerEvent = {
  type: 'DecisionRecorded',
  data: { decisionId, organisationId: 'redcar-council', body: 'Cabinet', decidedOn: '2009-09-01', reference: 'RC/09/09/01', title: 'Engagement strategy', outcome: 'Adopted', outcomeKind: 'recommended' },
};
const linked = (linkId: string, activityId: string): LedgerEvent => ({
  type: 'InfluenceLinked',
  data: { decisionId, linkId, source: { kind: 'activity', activityId }, influence: 'changed', rationale: 'Workshops asked for a shared calendar' },
});

describe('decision view', () => {
  it('shows the decision as amended, with its amendments in order', () => {
    const view = decisionView([
      recorded,
      { type: 'DecisionAmended', data: { decisionId, outcome: 'Adopted with a shared calendar', reason: 'Minute corrected' } },
      { type: 'DecisionAmended', data: { decisionId, title: 'Community engagement strategy', reason: 'Title as published' } },
    ]);
    expect(view.recorded).toMatchObject({ title: 'Community engagement strategy', outcome: 'Adopted with a shared calendar', body: 'Cabinet' });
    expect(view.amendments.map((a) => a.reason)).toEqual(['Minute corrected', 'Title as published']);
  });

  it('keeps a withdrawn influence link, marked with why, beside the live ones', () => {
    const view = decisionView([recorded, linked('l1', 'workshop-1'), linked('l2', 'workshop-2'), { type: 'InfluenceLinkWithdrawn', data: { decisionId, linkId: 'l1', reason: 'Wrong workshop' } }]);
    expect(view.influence.map((l) => [l.linkId, l.withdrawn])).toEqual([
      ['l1', { reason: 'Wrong workshop' }],
      ['l2', null],
    ]);
    expect(view.influence[1]).toMatchObject({ source: { kind: 'activity', activityId: 'workshop-2' }, influence: 'changed' });
  });

  it('shows what actually happened: the recommendation as recorded, then what the body decided and when', () => {
    const view = decisionView([
      recorded,
      { type: 'RecommendationDecided', data: { decisionId, outcomeKind: 'deferred', decidedOn: '2009-09-10' } },
      { type: 'RecommendationDecided', data: { decisionId, outcomeKind: 'approved', decidedOn: '2009-10-01', body: 'Regeneration Committee' } },
    ]);
    expect(view.recorded).toMatchObject({ outcomeKind: 'recommended', decidedOn: '2009-09-01' });
    expect(view).toMatchObject({ outcomeKind: 'approved', decidedOn: '2009-10-01' });
    expect(view.decided.map((d) => d.outcomeKind)).toEqual(['deferred', 'approved']);
  });
});
