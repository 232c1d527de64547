// Small-number suppression against a reader who tries to undo it. The reader knows the method
// (it runs suppressReach itself) and sees only what the public site shows; it tries every set of
// counts a published activity could have had, keeps the ones the site would have shown exactly
// as it did, and reads off what each suppressed count could be. Suppression holds when every
// count shown as "fewer than k" could still be anything from 0 to k - 1.
//
// Two readers: one who assumes every characteristic counts every participant (each sums to the
// participant count: the strongest assumption, and what "prefer not to say" categories make
// true), and one who assumes only that no characteristic counts more people than took part.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EqualityMonitoring } from '../../../src/domain/values.js';
import { suppressReach, type ShownReach } from '../../../src/projections/read-models/public/suppression.js';

type Model = 'every-characteristic-counts-everyone' | 'no-characteristic-counts-more-than-took-part';
type Suppress = (participants: number | null, monitoring: EqualityMonitoring | null, threshold: number) => ShownReach;

interface Cell {
  characteristic: string;
  category: string;
}

type Cells = Record<string, number>;

/** Every assignment of values 0..cap to `n` cells. */
function* assignments(n: number, cap: number): Generator<number[]> {
  const values = new Array<number>(n).fill(0);
  for (;;) {
    yield [...values];
    let i = 0;
    while (i < n && values[i] === cap) values[i++] = 0;
    if (i === n) return;
    values[i] = (values[i] as number) + 1;
  }
}

const total = (cells: Cells): number => Object.values(cells).reduce((a, b) => a + b, 0);

/**
 * For each characteristic, every way its counts could have been given what is shown exactly: the
 * cells not shown exactly take any value up to `cap`. In the categories' shown order.
 */
function candidates(shown: ShownReach, cap: number): Cells[][] {
  return shown.equalityMonitoring.map((c) => {
    const unknown = c.categories.filter((cat) => !('count' in cat.shown)).map((cat) => cat.category);
    return [...assignments(unknown.length, cap)].map((values) =>
      Object.fromEntries(c.categories.map((cat) => [cat.category, 'count' in cat.shown ? cat.shown.count : (values[unknown.indexOf(cat.category)] as number)])),
    );
  });
}

function* product(lists: readonly Cells[][], at = 0, chosen: Cells[] = []): Generator<Cells[]> {
  if (at === lists.length) {
    yield chosen;
    return;
  }
  for (const cells of lists[at] as Cells[]) yield* product(lists, at + 1, [...chosen, cells]);
}

/**
 * For each count shown as "fewer than k", the values the reader cannot rule out: every world its
 * model allows (participant count, and each characteristic's counts) that the method would have
 * shown exactly as it was shown, and the value that count has in it.
 */
function whatTheReaderLearns(suppress: Suppress, shown: ShownReach, model: Model, cap: number): Array<{ cell: Cell; possible: number[] }> {
  const names = shown.equalityMonitoring.map((c) => c.characteristic);
  const targets = shown.equalityMonitoring.flatMap((c) => c.categories.filter((cat) => 'fewerThan' in cat.shown).map((cat) => ({ characteristic: c.characteristic, category: cat.category })));
  const seen = targets.map(() => new Set<number>());
  const pool = candidates(shown, cap);
  const expected = JSON.stringify(shown);
  const saturated = (): boolean => seen.every((values) => values.size === shown.threshold);
  // Without a headcount the reader still supposes one (unseen): the characteristics' common total.
  const counts = Array.from({ length: cap * 3 + 1 }, (_, n) => n);
  for (const count of counts) {
    const lists = pool.map((list) => list.filter((cells) => (model === 'every-characteristic-counts-everyone' ? total(cells) === count : total(cells) <= count)));
    const participants = shown.participants === null ? null : count;
    for (const world of product(lists)) {
      const monitoring = Object.fromEntries(world.map((cells, i) => [names[i] as string, cells]));
      if (JSON.stringify(suppress(participants, monitoring, shown.threshold)) !== expected) continue;
      targets.forEach((t, i) => seen[i]?.add(monitoring[t.characteristic]?.[t.category] as number));
      if (saturated()) break;
    }
    if (saturated()) break;
  }
  return targets.map((cell, i) => ({ cell, possible: [...(seen[i] as Set<number>)].sort((a, b) => a - b) }));
}

/** A table the site might hold: up to 2 characteristics of 1 to 3 categories, counts 0..9. */
const table = (complete: boolean) =>
  fc
    .record({
      characteristics: fc.array(fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
      extra: fc.nat({ max: 6 }),
      headcount: fc.boolean(),
    })
    .map(({ characteristics, extra, headcount }) => {
      // Complete: every characteristic sums to the same total (the first's), its last cell made to fit.
      const total = (characteristics[0] as number[]).reduce((a, b) => a + b, 0);
      const monitoring: EqualityMonitoring = {};
      characteristics.forEach((cells, i) => {
        const name = ['age', 'sex'][i] as string;
        const fitted = complete && i > 0 ? fit(cells, total) : cells;
        monitoring[name] = Object.fromEntries(fitted.map((n, j) => [['a', 'b', 'c'][j] as string, n]));
      });
      const largest = Math.max(...Object.values(monitoring).map((cells) => Object.values(cells).reduce((a, b) => a + b, 0)));
      return { participants: headcount || !complete ? largest + (complete ? 0 : extra) : null, monitoring };
    });

/** Cells adjusted so they sum to `total`: the overflow taken from the first cells, the rest added to the last. */
function fit(cells: number[], total: number): number[] {
  const out = [...cells];
  let sum = out.reduce((a, b) => a + b, 0);
  for (let i = 0; sum > total && i < out.length; i++) {
    const cut = Math.min(out[i] as number, sum - total);
    out[i] = (out[i] as number) - cut;
    sum -= cut;
  }
  out[out.length - 1] = (out[out.length - 1] as number) + (total - sum);
  return out;
}

const K = 3;
const CAP = 24;

describe('small-number suppression', () => {
  it('shows every count exactly when none is below the threshold', () => {
    const shown = suppressReach(40, { age: { '16-24': 12, '25-64': 20, '65+': 8 } }, 5);
    expect(shown).toEqual({
      threshold: 5,
      participants: { count: 40 },
      equalityMonitoring: [{ characteristic: 'age', total: 40, categories: [{ category: '16-24', shown: { count: 12 } }, { category: '25-64', shown: { count: 20 } }, { category: '65+', shown: { count: 8 } }] }],
      breakdownWithheld: false,
      suppressed: false,
    });
  });

  it('shows a count below the threshold as "fewer than", withholds one more cell of every characteristic, and gives the participants as a band', () => {
    const shown = suppressReach(40, { age: { '16-24': 3, '25-64': 30, '65+': 7 }, sex: { female: 22, male: 18 } }, 5);
    // T = 7 shown + 4 + 5 = 16; 40 lies in the band of ten from 37.
    expect(shown.participants).toEqual({ between: [37, 46] });
    expect(shown.equalityMonitoring).toEqual([
      { characteristic: 'age', total: null, categories: [{ category: '16-24', shown: { fewerThan: 5 } }, { category: '25-64', shown: { withheld: true } }, { category: '65+', shown: { count: 7 } }] },
      { characteristic: 'sex', total: null, categories: [{ category: 'female', shown: { withheld: true } }, { category: 'male', shown: { count: 18 } }] },
    ]);
    // Nothing shown is the suppressed 3, nor any total it could be subtracted from.
    expect(JSON.stringify(shown)).not.toMatch(/"count":(3|40|22|30)\b/);
  });

  it('says "at most" where the participants are few enough to sit under the band edge', () => {
    expect(suppressReach(9, { age: { young: 2, old: 7 } }, 5).participants).toEqual({ atMost: 9 });
  });

  it('shows fewer participants than the threshold as "fewer than", with no breakdown', () => {
    const shown = suppressReach(4, { age: { young: 1, old: 3 } }, 5);
    expect(shown).toMatchObject({ participants: { fewerThan: 5 }, equalityMonitoring: [], breakdownWithheld: true });
  });

  it('withholds the whole breakdown when some characteristic has every count small', () => {
    const shown = suppressReach(9, { disability: { yes: 2, no: 3, 'prefer not to say': 4 }, age: { young: 9 } }, 5);
    expect(shown).toMatchObject({ participants: { count: 9 }, equalityMonitoring: [], breakdownWithheld: true });
  });

  it('takes the threshold from configuration', () => {
    expect(suppressReach(40, { age: { a: 8, b: 32 } }, 10).equalityMonitoring[0]?.categories[0]?.shown).toEqual({ fewerThan: 10 });
  });

  it('does not depend on the order the counts were recorded in', () => {
    expect(suppressReach(40, { sex: { male: 18, female: 22 }, age: { '65+': 7, '16-24': 3, '25-64': 30 } }, 5)).toEqual(
      suppressReach(40, { age: { '16-24': 3, '25-64': 30, '65+': 7 }, sex: { female: 22, male: 18 } }, 5),
    );
  });

  describe('against a reader who tries every set of counts', () => {
    it('finds the suppressed count when the participant count is shown exactly beside it (the reader works)', () => {
      // A naive method: small counts read "fewer than", everything else (the participants included) is shown.
      const naive: Suppress = (participants, monitoring, k) => ({
        threshold: k,
        participants: participants === null ? null : { count: participants },
        equalityMonitoring: Object.entries(monitoring ?? {}).map(([characteristic, cells]) => ({
          characteristic,
          categories: Object.entries(cells).map(([category, n]) => ({ category, shown: n < k ? { fewerThan: k } : { count: n } })),
          total: null,
        })),
        breakdownWithheld: false,
        suppressed: true,
      });
      const leaky = naive(12, { age: { a: 1, b: 11 } }, K);
      expect(leaky.participants).toEqual({ count: 12 });
      const learned = whatTheReaderLearns(naive, leaky, 'every-characteristic-counts-everyone', CAP);
      expect(learned).toEqual([{ cell: { characteristic: 'age', category: 'a' }, possible: [1] }]);
    });

    it('learns nothing of a suppressed count when every characteristic counts every participant', () => {
      fc.assert(
        fc.property(table(true), ({ participants, monitoring }) => {
          const shown = suppressReach(participants, monitoring, K);
          for (const { cell, possible } of whatTheReaderLearns(suppressReach, shown, 'every-characteristic-counts-everyone', CAP)) {
            expect(possible, `${cell.characteristic}/${cell.category} of ${JSON.stringify({ participants, monitoring })}`).toEqual([0, 1, 2]);
          }
        }),
        { numRuns: 60 },
      );
    });

    it('learns nothing of a suppressed count when characteristics count at most the participants', () => {
      fc.assert(
        fc.property(table(false), ({ participants, monitoring }) => {
          const shown = suppressReach(participants, monitoring, K);
          for (const { cell, possible } of whatTheReaderLearns(suppressReach, shown, 'no-characteristic-counts-more-than-took-part', CAP)) {
            expect(possible, `${cell.characteristic}/${cell.category} of ${JSON.stringify({ participants, monitoring })}`).toEqual([0, 1, 2]);
          }
        }),
        { numRuns: 30 },
      );
    });
  });
});
