// Small-number suppression for what the public site shows of who took part: the participant
// count and the equality-monitoring counts recorded when an activity closed. Any count below the
// threshold (default 5; zero too) reads "fewer than 5", and the figures shown beside it are
// adjusted so that no combination of them gives a suppressed count back.
//
// The reader to defeat knows this method and assumes the worst: that every characteristic
// counts every participant (each one's categories add up to the participant count; "prefer not
// to say" is a category), so any exact total, or any characteristic shown whole, would pin the
// others' suppressed cells by subtraction. So, once any count is below the threshold:
//   1. If some characteristic has every count below the threshold, no breakdown is shown at all
//      (its counts would cap the participant count, and through it the others' cells), and the
//      participant count is shown as it is: no suppressed count is shown to be undone.
//   2. Otherwise every characteristic withholds one cell besides its small ones: the first by
//      name that is not small (withheld: known only to be at least the threshold). No
//      characteristic then has a known total, and the withheld cell can absorb any value of a
//      suppressed one. It is chosen by name, never by value, so the choice says nothing of the counts.
//   3. The participant count is shown as a band whose edges depend only on the figures shown:
//      "at most T", where T is the smallest count that leaves every suppressed cell free to be
//      anything from 0 to threshold - 1 (its characteristic's shown counts, the cell at
//      threshold - 1, the withheld cell at the threshold); above T, bands of twice the threshold
//      counted from T. No characteristic's total is shown.
// Whether counts are suppressed, which cell is withheld and where the bands fall depend only on
// which counts are small, on the names and on the figures shown, so the method's choices reveal
// no more than the figures. With no count below the threshold everything is shown exactly; with
// fewer participants than the threshold, the count reads "fewer than" and no breakdown is shown.
// test/projections/public/suppression.test.ts checks this against a reader who tries every
// possible set of counts and keeps those the method would have shown exactly the same way.

import type { EqualityMonitoring } from '../../../domain/values.js';

/** What a count shows: exact, "fewer than <threshold>", or withheld (at least the threshold). */
export type ShownCount = { count: number } | { fewerThan: number } | { withheld: true };

/** The participants: exact, "fewer than <threshold>", "at most N", or a band. */
export type ShownParticipants = { count: number } | { fewerThan: number } | { atMost: number } | { between: [number, number] };

export interface ShownCategory {
  category: string;
  shown: ShownCount;
}

export interface ShownCharacteristic {
  characteristic: string;
  categories: ShownCategory[];
  /** The characteristic's total, only where every cell is shown exactly. */
  total: number | null;
}

export interface ShownReach {
  /** Counts below this are suppressed. */
  threshold: number;
  /** Null where the record gives no headcount. */
  participants: ShownParticipants | null;
  /** Empty when the breakdown is withheld (or none was recorded). */
  equalityMonitoring: ShownCharacteristic[];
  /** A breakdown was recorded but is not shown: too few people in some group. */
  breakdownWithheld: boolean;
  /** Some count was suppressed or withheld. */
  suppressed: boolean;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The monitoring record's characteristics and categories in name order, so the result does not depend on the order recorded. */
function sorted(monitoring: EqualityMonitoring): Array<[string, Array<[string, number]>]> {
  return Object.entries(monitoring)
    .map(([c, cells]): [string, Array<[string, number]>] => [c, Object.entries(cells).sort(([a], [b]) => byName(a, b))])
    .filter(([, cells]) => cells.length > 0)
    .sort(([a], [b]) => byName(a, b));
}

export function suppressReach(participants: number | null, monitoring: EqualityMonitoring | null, threshold = DEFAULT_SUPPRESSION_THRESHOLD): ShownReach {
  const k = threshold;
  const characteristics = sorted(monitoring ?? {});
  const small = (n: number): boolean => n < k;
  const recorded = characteristics.length > 0;
  const withheld = (shownParticipants: ShownParticipants | null): ShownReach => ({
    threshold: k,
    participants: shownParticipants,
    equalityMonitoring: [],
    breakdownWithheld: recorded,
    suppressed: true,
  });

  // Fewer people than the threshold: the count is itself small, and any breakdown of it would be.
  if (participants !== null && small(participants)) return withheld({ fewerThan: k });

  if (!characteristics.some(([, cells]) => cells.some(([, n]) => small(n)))) {
    return {
      threshold: k,
      participants: participants === null ? null : { count: participants },
      equalityMonitoring: characteristics.map(([characteristic, cells]) => ({
        characteristic,
        categories: cells.map(([category, count]) => ({ category, shown: { count } })),
        total: cells.reduce((sum, [, n]) => sum + n, 0),
      })),
      breakdownWithheld: false,
      suppressed: false,
    };
  }

  // Rule 1.
  if (characteristics.some(([, cells]) => cells.every(([, n]) => small(n)))) return withheld(participants === null ? null : { count: participants });

  // Rule 2; and T of rule 3: a suppressed cell at k - 1 beside its characteristic's shown counts and one withheld cell at k.
  let top = 0;
  const shown = characteristics.map(([characteristic, cells]): ShownCharacteristic => {
    const withheldAt = cells.findIndex(([, n]) => !small(n));
    const categories = cells.map(([category, count], i): ShownCategory => ({
      category,
      shown: small(count) ? { fewerThan: k } : i === withheldAt ? { withheld: true } : { count },
    }));
    const exact = categories.reduce((sum, c) => sum + ('count' in c.shown ? c.shown.count : 0), 0);
    if (categories.some((c) => 'fewerThan' in c.shown)) top = Math.max(top, exact + (k - 1) + k);
    return { characteristic, categories, total: null };
  });

  let band: ShownParticipants | null = null;
  if (participants !== null) {
    const width = 2 * k;
    const step = Math.floor((participants - top - 1) / width);
    band = participants <= top ? { atMost: top } : { between: [top + 1 + step * width, top + (step + 1) * width] };
  }
  return { threshold: k, participants: band, equalityMonitoring: shown, breakdownWithheld: false, suppressed: true };
}
