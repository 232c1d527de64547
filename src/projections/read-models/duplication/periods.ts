// Calendar months and quarters (Q1 = January to March), as ISO date ranges that compare as strings.

import type { DateWindow } from '../../../domain/values.js';

export type PeriodKind = 'month' | 'quarter';

export interface Period {
  /** "2007-03" or "2007-Q1". */
  label: string;
  starts: string;
  ends: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The months (1-12) that open each period: every month, or every third one. */
const step = (kind: PeriodKind): number => (kind === 'month' ? 1 : 3);

function periodAt(kind: PeriodKind, year: number, firstMonth: number): Period {
  const lastMonth = firstMonth + step(kind) - 1;
  return {
    label: kind === 'month' ? `${year}-${pad(firstMonth)}` : `${year}-Q${(firstMonth + 2) / 3}`,
    starts: `${year}-${pad(firstMonth)}-01`,
    ends: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
  };
}

/** Every month or quarter that shares at least one day with the window, in order. */
export function periodsOverlapping(kind: PeriodKind, window: DateWindow): Period[] {
  if (window.opens > window.closes) return [];
  let year = Number(window.opens.slice(0, 4));
  const month = Number(window.opens.slice(5, 7));
  let first = month - ((month - 1) % step(kind));
  const periods: Period[] = [];
  for (;;) {
    const period = periodAt(kind, year, first);
    if (period.starts > window.closes) return periods;
    periods.push(period);
    first += step(kind);
    if (first > 12) [year, first] = [year + 1, 1];
  }
}

export const overlaps = (a: DateWindow, b: DateWindow): boolean => a.opens <= b.closes && b.opens <= a.closes;

/** The days two windows share, or null. */
export function intersection(a: DateWindow, b: DateWindow): DateWindow | null {
  const window = { opens: a.opens > b.opens ? a.opens : b.opens, closes: a.closes < b.closes ? a.closes : b.closes };
  return window.opens <= window.closes ? window : null;
}
