// How long a period a view answers for: a `from`-`to` asked for, or one a view finds in the read
// models with a side left open, over MAX_PERIOD_YEARS is the reader's to narrow (400
// PERIOD_TOO_LONG, naming the maximum), never an answer of tens of thousands of quarters.

import { assertPeriodAllowed, MAX_PERIOD_YEARS, PeriodTooLong } from '../projections/periods.js';
import { ReadRefused } from './errors.js';

/** A period too long refused as the reader's to narrow. */
const periodTooLong = (error: PeriodTooLong): ReadRefused =>
  new ReadRefused('PERIOD_TOO_LONG', error.message, [], { maxYears: MAX_PERIOD_YEARS, from: error.from, to: error.to });

/** A `from`-`to` period (dates, or years) no longer than a view answers for. */
export function assertPeriodWithinBounds({ from, to }: Record<string, unknown>): void {
  try {
    if (typeof from === 'string' && typeof to === 'string') assertPeriodAllowed(from, to);
    if (typeof from === 'number' && typeof to === 'number' && to - from + 1 > MAX_PERIOD_YEARS) throw new PeriodTooLong(String(from), String(to));
  } catch (error) {
    throw error instanceof PeriodTooLong ? periodTooLong(error) : error;
  }
}

/** A period found too long in the read models (a side left open), refused as the reader's to narrow. */
export async function refusingLongPeriods<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof PeriodTooLong ? periodTooLong(error) : error;
  }
}
