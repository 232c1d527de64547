// Reading an action plan's "When?" column: the plan's own words, and a target date
// where the words give one. Shared by the CSV importer and the demo's seed modules.

import type { IsoDate } from '../domain/values.js';

export interface Timescale {
  /** The plan's words, whitespace tidied ("April 2013", "Continuous", "Follow up forum - Sept 2016."). */
  timescale?: string;
  /** The day the words point to, where they name one. */
  targetDate?: IsoDate;
}

const monthNames = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const monthIndex = (name: string): number => ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(name.slice(0, 3).toLowerCase());

const iso = (year: number, monthZeroBased: number, day: number): IsoDate | undefined => {
  const date = new Date(Date.UTC(year, monthZeroBased, day));
  // Reject days that roll over into the next month (31 April, 29 February 2013).
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== monthZeroBased || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
};
const lastDayOf = (year: number, monthZeroBased: number): IsoDate => new Date(Date.UTC(year, monthZeroBased + 1, 0)).toISOString().slice(0, 10);

/** Tried in order; the first that matches anywhere in the words decides (an impossible day gives no date). */
const readers: { pattern: RegExp; date(match: RegExpMatchArray): IsoDate | undefined }[] = [
  // 2013-04-30
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/, date: (m) => iso(Number(m[1]), Number(m[2]) - 1, Number(m[3])) },
  // 30/04/2013 (day first, as in the UK)
  { pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/, date: (m) => iso(Number(m[3]), Number(m[2]) - 1, Number(m[1])) },
  // 18th May 2010, 30 April 2013
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${monthNames})\\.?,?\\s+(\\d{4})\\b`, 'i'),
    date: (m) => iso(Number(m[3]), monthIndex(m[2] as string), Number(m[1])),
  },
  // April 2013, Sept 2016: the last day of the month, the latest the words allow.
  { pattern: new RegExp(`\\b(${monthNames})\\.?,?\\s+(\\d{4})\\b`, 'i'), date: (m) => lastDayOf(Number(m[2]), monthIndex(m[1] as string)) },
  // 2017/18: a UK financial year, which ends on 31 March.
  {
    pattern: /\b(\d{4})\/(\d{2}|\d{4})\b/,
    date: (m) => {
      const end = (m[2] as string).length === 2 ? Number((m[1] as string).slice(0, 2) + (m[2] as string)) : Number(m[2]);
      return end === Number(m[1]) + 1 ? iso(end, 2, 31) : undefined;
    },
  },
  // 2015: the end of the year.
  { pattern: /\b(19\d{2}|20\d{2})\b/, date: (m) => iso(Number(m[1]), 11, 31) },
];

/**
 * "April 2013" -> 2013-04-30, "December 2012" -> 2012-12-31, "by February 2017" -> 2017-02-28,
 * "2017/18" -> 2018-03-31; "Continuous", "On going", "Annually in April" -> no date.
 * The words are always kept: they are what the plan said.
 */
export function readTimescale(when: string | undefined): Timescale {
  const words = (when ?? '').replace(/\s+/g, ' ').trim();
  if (words === '') return {};
  for (const reader of readers) {
    const match = words.match(reader.pattern);
    if (!match) continue;
    const targetDate = reader.date(match);
    return targetDate ? { timescale: words, targetDate } : { timescale: words };
  }
  return { timescale: words };
}
