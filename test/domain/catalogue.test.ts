import { describe, expect, it } from 'vitest';
import { currentVersion, eventDefinitions, readEvent, UnreadableEvent } from '../../src/domain/events/catalogue.js';
import { UpcasterRegistry } from '../../src/domain/events/upcasters.js';

describe('event catalogue', () => {
  it('declares each event type once, with a positive version', () => {
    const types = eventDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of eventDefinitions) expect(d.version).toBeGreaterThanOrEqual(1);
  });

  it('reads a v1 ActivityPlanned (one area, no documents) as v2', () => {
    const v1 = {
      activityId: 'halton-residents-survey-2012',
      organisationId: 'halton-council',
      title: 'Residents survey 2012',
      category: 'consultation',
      method: 'survey',
      topics: ['community safety'],
      areaId: 'halton',
      communityIds: [],
      window: { opens: '2012-09-01', closes: '2012-10-31' },
    };
    expect(currentVersion('ActivityPlanned')).toBe(4);
    const event = readEvent('ActivityPlanned', 1, v1);
    expect(event).toEqual({
      type: 'ActivityPlanned',
      data: {
        activityId: 'halton-residents-survey-2012',
        organisationId: 'halton-council',
        title: 'Residents survey 2012',
        category: 'consultation',
        method: 'survey',
        topics: ['community safety'],
        areaIds: ['halton'],
        communityIds: [],
        jointPartnerIds: [],
        window: { opens: '2012-09-01', closes: '2012-10-31' },
        documents: [],
      },
    });
  });

  it('reads a v1 ActivityPlanned without an area as one with no areas', () => {
    const event = readEvent('ActivityPlanned', 1, {
      activityId: 'a1',
      organisationId: 'o1',
      title: 'Drop-in',
      category: 'information_giving',
      method: 'drop_in',
      window: { opens: '2012-09-01', closes: '2012-09-01' },
    });
    expect(event.type === 'ActivityPlanned' && event.data.areaIds).toEqual([]);
  });

  it('reads a v1 DecisionRecorded as v2 whose outcome is not stated: it cannot claim an approval', () => {
    const v1 = { decisionId: 'd1', organisationId: 'halton-council', body: 'Executive Board', decidedOn: '2012-12-13', title: 'Priorities', outcome: 'Agreed' };
    expect(currentVersion('DecisionRecorded')).toBe(2);
    expect(readEvent('DecisionRecorded', 1, v1)).toEqual({ type: 'DecisionRecorded', data: { ...v1, outcomeKind: 'not_stated' } });
  });

  it('reads a v1 DecisionAmended unchanged: it never touched the outcome kind', () => {
    const v1 = { decisionId: 'd1', title: 'Community safety priorities', reason: 'Minute corrected' };
    expect(readEvent('DecisionAmended', 1, v1)).toEqual({ type: 'DecisionAmended', data: v1 });
  });

  it('reads a v1 OrganisationRegistered as it is: v2 only added the network kind', () => {
    const v1 = { organisationId: 'cheshire-police', name: 'Cheshire Constabulary', kind: 'police' };
    expect(currentVersion('OrganisationRegistered')).toBe(2);
    expect(readEvent('OrganisationRegistered', 1, v1)).toEqual({ type: 'OrganisationRegistered', data: v1 });
  });

  it('reads a v2 ActivityPlanned as v3, delivering no plan action, and a v1 ActivityDetailsAmended as v2', () => {
    const v2 = {
      activityId: 'a1', organisationId: 'o1', title: 'Drop-in', category: 'information_giving', method: 'drop_in',
      topics: [], areaIds: [], communityIds: [], jointPartnerIds: [], window: { opens: '2012-09-01', closes: '2012-09-01' }, documents: [],
    };
    expect(readEvent('ActivityPlanned', 2, v2)).toEqual({ type: 'ActivityPlanned', data: v2 });
    const amended = { activityId: 'a1', changes: { title: 'Drop-in session' }, reason: 'Title as advertised' };
    expect(readEvent('ActivityDetailsAmended', 1, amended)).toEqual({ type: 'ActivityDetailsAmended', data: amended });
  });

  it('reads a v1 ActionPlanned as v2 carrying out no decision', () => {
    const v1 = { actionId: 'a1', organisationId: 'o1', planId: 'p1', what: 'Publish a calendar', lead: 'HBC', leadOrganisationIds: [] };
    expect(currentVersion('ActionPlanned')).toBe(2);
    const event = readEvent('ActionPlanned', 1, v1);
    expect(event).toEqual({ type: 'ActionPlanned', data: v1 });
    expect(event.type === 'ActionPlanned' && event.data.decisionId).toBeUndefined();
  });

  it('refuses an unknown event type, a version newer than the catalogue, and data that fits no schema', () => {
    expect(() => readEvent('ActivityTeleported', 1, {})).toThrow(UnreadableEvent);
    expect(() => readEvent('ActivityOpened', 2, { activityId: 'a1', openedOn: '2012-09-01' })).toThrow(/newer than this ledger/);
    expect(() => readEvent('ActivityOpened', 1, { activityId: 'a1', openedOn: 'yesterday' })).toThrow(UnreadableEvent);
  });

  it('chains upcasters one version at a time and names a missing step', () => {
    const registry = new UpcasterRegistry()
      .register('Thing', 1, (d) => ({ ...(d as object), b: 2 }))
      .register('Thing', 2, (d) => ({ ...(d as object), c: 3 }));
    expect(registry.upcast('Thing', 1, 3, { a: 1 })).toEqual({ a: 1, b: 2, c: 3 });
    expect(registry.upcast('Thing', 3, 3, { a: 1 })).toEqual({ a: 1 });
    expect(() => registry.upcast('Thing', 1, 4, {})).toThrow(/no upcaster from Thing v3/);
    expect(() => registry.register('Thing', 1, (d) => d)).toThrow(/already registered/);
  });
});
