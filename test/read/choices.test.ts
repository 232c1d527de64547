// Choices for filter forms come from the reference read models (areas, communities,
// organisations, plans) and the topics activities name, by name, bounded.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadLedger, type ReadLedger } from './read-ledger.js';

let ledger: ReadLedger;

beforeAll(async () => {
  ledger = await openReadLedger({ demo: true });
  await ledger.catchUp();
}, 60_000);
afterAll(() => ledger?.close());

describe('choices for filter forms', () => {
  it('lists every area and community of interest the ledger defines, by name, nobody consulted or not', async () => {
    const areas = await ledger.read.choices('areas');
    expect(areas.more).toBe(false);
    expect(areas.choices).toEqual(expect.arrayContaining([{ id: 'highland', name: 'Highland' }, { id: 'redcar-cleveland', name: 'Redcar & Cleveland' }]));
    const names = areas.choices.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect((await ledger.read.choices('communities')).choices).toEqual(expect.arrayContaining([{ id: 'older-people', name: 'Older people' }]));
  });

  it('lists the organisations the ledger registers, and the plans it holds, by name', async () => {
    expect((await ledger.read.choices('organisations')).choices).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Inverclyde Council' })]));
    const plans = (await ledger.read.choices('plans')).choices;
    expect(plans.length).toBeGreaterThanOrEqual(5);
    expect(plans.every((p) => p.id.length > 0 && p.name.length > 0)).toBe(true);
  });

  it('says which organisation replaced one, where it lists it', async () => {
    expect((await ledger.read.choices('organisations')).choices).toEqual(
      expect.arrayContaining([
        { id: 'halton-community-engagement-network', name: 'Community Engagement Network (replaced by Community Practitioners Forum)' },
        { id: 'halton-community-practitioners-forum', name: 'Community Practitioners Forum' },
      ]),
    );
  });

  it('lists plans at every stage: drafts and plans put to a body, not only those adopted', async () => {
    const plans = (await ledger.read.choices('plans')).choices;
    expect(plans).toEqual(
      expect.arrayContaining([
        { id: 'cls-ce-involvement-strategy-2006', name: 'Community Engagement and Involvement Strategy' },
        { id: 'highland-cpip-2016', name: 'Community Planning Improvement Programme: improvement plan' },
        { id: 'halton-ce-strategy-2011', name: 'HSP Community Engagement Strategy Action Plan' },
      ]),
    );
    expect(plans).toHaveLength(6);
  });

  it('lists each topic the activities name once, as the finder matches it (trimmed, lower case)', async () => {
    const topics = (await ledger.read.choices('topics')).choices.map((c) => c.id);
    expect(topics).toContain('community planning');
    expect(new Set(topics).size).toBe(topics.length);
    expect(topics.every((t) => t === t.trim().toLowerCase())).toBe(true);
  });

  it('lists at most the number asked for, and says when there are more', async () => {
    const all = await ledger.read.choices('areas');
    const two = await ledger.read.choices('areas', { limit: 2 });
    expect(two.choices).toHaveLength(2);
    expect(two.more).toBe(all.choices.length > 2);
  });
});
