// The generator's weights: a benchmark can reshape the ledger (many activities, few
// responses) and still get exactly the events asked for, deterministically.

import { describe, expect, it } from 'vitest';
import { generateLedger, type GenerateOptions } from '../../src/generate/index.js';

function countByType(options: GenerateOptions): Map<string, number> {
  const counts = new Map<string, number>();
  for (const append of generateLedger(options)) for (const e of append.events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return counts;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

describe('generateLedger weights', () => {
  it('never performs an operation weighted 0, and still makes exactly the events asked for', () => {
    const counts = countByType({ seed: 4, events: 6_000, weights: { recordFeedback: 0, linkInfluence: 0 } });
    expect(total(counts)).toBe(6_000);
    expect(counts.get('FeedbackReceived') ?? 0).toBe(0);
    expect(counts.get('InfluenceLinked') ?? 0).toBe(0);
    expect(counts.get('ActivityPlanned') ?? 0).toBeGreaterThan(0);
  });

  it('shifts the mix towards what is weighted up', () => {
    const plain = countByType({ seed: 9, events: 6_000 });
    const heavy = countByType({ seed: 9, events: 6_000, weights: { planActivity: 20, openActivity: 20, closeActivity: 20, recordFeedback: 1 } });
    expect(heavy.get('ActivityPlanned') as number).toBeGreaterThan(2 * (plain.get('ActivityPlanned') as number));
    expect(heavy.get('FeedbackReceived') as number).toBeLessThan((plain.get('FeedbackReceived') as number) / 2);
  });

  it('gives the same ledger for the same seed and weights', () => {
    const options: GenerateOptions = { seed: 12, events: 2_000, weights: { planActivity: 9 } };
    expect(JSON.stringify([...generateLedger(options)])).toBe(JSON.stringify([...generateLedger(options)]));
  });
});
