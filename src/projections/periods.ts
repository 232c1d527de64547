// Calendar days, months and quarters (Q1 = January to March), computed as numbers: a day is its
// count of days since 1970-01-01, a month its count since year 0. Dates are compared and stepped
// through as those numbers, never as strings: "10000-01" sorts before "9999-12" as text, and a
// loop that stepped past year 9999 by comparing text never ended.

import type { DateWindow } from '../domain/values.js';

export type PeriodKind = 'month' | 'quarter';

export interface Period {
  /** "2007-03" or "2007-Q1". */
  label: string;
  starts: string;
  ends: string;
}

const DAY_MS = 86_400_000;

/** The most years a period asked of a view may span; a longer one is refused (400 PERIOD_TOO_LONG). */
export const MAX_PERIOD_YEARS = 50;

/** Refused: a period longer than MAX_PERIOD_YEARS, which would be answered with rows beyond reading. */
export class PeriodTooLong extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`the period ${from} to ${to} is longer than ${MAX_PERIOD_YEARS} years, the most a view answers for: give \`from\` and \`to\` at most ${MAX_PERIOD_YEARS} years apart`);
    this.name = 'PeriodTooLong';
  }
}

const parts = (date: string): [number, number, number] => [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function dayOf(date: string): number {
  const [year, month, day] = parts(date);
  const utc = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / DAY_MS);
}

/** The ISO date of a day number (years 0 to 9999). */
export function dateOf(day: number): string {
  const date = new Date(day * DAY_MS);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Months since January of year 0 of the month a date falls in. */
const monthOf = (date: string): number => {
  const [year, month] = parts(date);
  return year * 12 + month - 1;
};

const step = (kind: PeriodKind): number => (kind === 'month' ? 1 : 3);

function periodAt(kind: PeriodKind, firstMonth: number): Period {
  const year = Math.floor(firstMonth / 12);
  const month = (firstMonth % 12) + 1;
  const yyyy = String(year).padStart(4, '0');
  const starts = `${yyyy}-${String(month).padStart(2, '0')}-01`;
  // Day 0 of the month after the period is its last day.
  const last = new Date(0);
  last.setUTCFullYear(year, month - 1 + step(kind), 0);
  return { label: kind === 'month' ? starts.slice(0, 7) : `${yyyy}-Q${(month + 2) / 3}`, starts, ends: dateOf(Math.round(last.getTime() / DAY_MS)) };
}

/** How many months or quarters share at least one day with the window. */
export function countPeriods(kind: PeriodKind, window: DateWindow): number {
  if (dayOf(window.opens) > dayOf(window.closes)) return 0;
  const first = monthOf(window.opens) - (monthOf(window.opens) % step(kind));
  return Math.floor((monthOf(window.closes) - first) / step(kind)) + 1;
}

/** Every month or quarter that shares at least one day with the window, in order. */
export function periodsOverlapping(kind: PeriodKind, window: DateWindow): Period[] {
  const count = countPeriods(kind, window);
  const first = monthOf(window.opens) - (monthOf(window.opens) % step(kind));
  return Array.from({ length: count }, (_, i) => periodAt(kind, first + i * step(kind)));
}

export const overlaps = (a: DateWindow, b: DateWindow): boolean => dayOf(a.opens) <= dayOf(b.closes) && dayOf(b.opens) <= dayOf(a.closes);

/** The days two windows share, or null. */
export function intersection(a: DateWindow, b: DateWindow): DateWindow | null {
  const opens = Math.max(dayOf(a.opens), dayOf(b.opens));
  const closes = Math.min(dayOf(a.closes), dayOf(b.closes));
  return opens <= closes ? { opens: dateOf(opens), closes: dateOf(closes) } : null;
}

/** The earliest and latest days ISO dates can name: an open side of a period runs to these. */
export const FIRST_DAY = '0000-01-01';
export const LAST_DAY = '9999-12-31';

/** A period of dates longer than MAX_PERIOD_YEARS (a year from the same day, leap days allowed for). */
export function longerThanAllowed(from: string, to: string): boolean {
  return dayOf(to) - dayOf(from) >= Math.ceil(MAX_PERIOD_YEARS * 365.25) + 1;
}

/** Refuses (PeriodTooLong) a period longer than MAX_PERIOD_YEARS. */
export function assertPeriodAllowed(from: string, to: string): void {
  if (longerThanAllowed(from, to)) throw new PeriodTooLong(from, to);
}

/** The month or quarter a date falls in. */
export function periodContaining(kind: PeriodKind, date: string): Period {
  return periodsOverlapping(kind, { opens: date, closes: date })[0] as Period;
}

/** The month or quarter after this one; null after December 9999. */
export function periodAfter(kind: PeriodKind, period: Period): Period | null {
  return period.ends === LAST_DAY ? null : periodContaining(kind, dateOf(dayOf(period.ends) + 1));
}
