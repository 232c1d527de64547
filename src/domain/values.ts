// Value schemas shared by events and commands, so a field means the same thing everywhere.

import { z } from 'zod';
import { isReadingStored } from './as-stored.js';

/** Entity ids: ULIDs from the API, readable slugs for imported records (e.g. "halton-2013"). Safe inside stream names. */
export const entityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, "-" or "_", starting with a letter or digit');

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateRange {
  min: string;
  max: string;
}

/** The default range: wide enough for any record of engagement, narrow enough that no period computed from it is huge. */
export const DEFAULT_DATE_RANGE: DateRange = { min: '1900-01-01', max: '2100-12-31' };

let dateRange: DateRange = DEFAULT_DATE_RANGE;

const calendarDay = z.iso.date();

/**
 * Set the range of dates the ledger accepts, once at start, from DATE_MIN and DATE_MAX
 * (config.ts; openLedgerApp and every CLI command call this). Both must be calendar dates
 * with four-digit years, min before max.
 */
export function configureDateRange(range: DateRange): void {
  if (!calendarDay.safeParse(range.min).success || !calendarDay.safeParse(range.max).success || range.min > range.max) {
    throw new Error(`invalid date range ${range.min} to ${range.max}`);
  }
  dateRange = { ...range };
}

export function currentDateRange(): DateRange {
  return dateRange;
}

/**
 * A calendar date, YYYY-MM-DD, within the ledger's range (default 1900-01-01 to 2100-12-31;
 * DATE_MIN, DATE_MAX): every date in a command, an event as written and a query filter. A date
 * outside it is refused with its field path; an event already in the log reads whatever its
 * date (as-stored.ts). Years always have four digits, so two dates compare correctly as strings.
 */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export const isoDate = calendarDay
  .superRefine((date, ctx) => {
    // Not a date at all: the format check has said so already; one issue per field is enough.
    if (!DATE_SHAPE.test(date)) return;
    if (isReadingStored() || (date >= dateRange.min && date <= dateRange.max)) return;
    ctx.addIssue({ code: 'custom', message: `must be a date from ${dateRange.min} to ${dateRange.max}`, params: { code: 'DATE_OUT_OF_RANGE' } });
  })
  .meta({ description: `A calendar date, YYYY-MM-DD, within the ledger's range (default ${DEFAULT_DATE_RANGE.min} to ${DEFAULT_DATE_RANGE.max})` });
export type IsoDate = z.infer<typeof isoDate>;
/** The same value under the name the domain gives it. */
export const calendarDate = isoDate;

export const timestamp = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------
// Text

/**
 * What no text field may hold: NUL and the other C0 controls, DEL and the C1 controls (they
 * break logs, CSV and terminals), the bidirectional embeddings, overrides and isolates
 * U+202A-U+202E and U+2066-U+2069 (text that reads one way and stores another, as in "Trojan
 * Source"), and lone surrogates (not text at all). Left-to-right and right-to-left marks are
 * ordinary text. Long text (descriptions, notes, reasons) may keep tabs and line breaks; a
 * title, name, code or label may not.
 */
const forbiddenInLine = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/u;
const forbiddenInLines = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/u;

function cleanText(schema: z.ZodString, lines: boolean) {
  const forbidden = lines ? forbiddenInLines : forbiddenInLine;
  const allowed = lines ? 'tabs and line breaks only' : 'none';
  return schema.superRefine((text, ctx) => {
    if (isReadingStored()) return;
    const found = forbidden.exec(text);
    if (!found) return;
    const codePoint = `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    ctx.addIssue({ code: 'custom', message: `must not contain control or bidirectional-override characters (found ${codePoint}; ${allowed} allowed)`, params: { code: 'TEXT_FORBIDDEN_CHARACTER' } });
  });
}

/** One line of text: a title, a name, a code, a label. Trimmed, 1 to `max` characters. */
export const lineText = (max: number) => cleanText(z.string().trim().min(1).max(max), false);

/** Text that may run over several lines: a description, a summary, a note, a reason. */
export const multilineText = (max: number) => cleanText(z.string().trim().min(1).max(max), true);

export const shortText = lineText(500);

/**
 * A link people follow from a record: http: or https: only. A `javascript:` or `data:` link
 * on a page would run in a reader's browser, and nothing else is a document on the web.
 */
export const webLink = z.url({ protocol: /^https?$/, error: 'must be an http: or https: URL' }).max(2_000);
export const longText = multilineText(20_000);
export const reason = multilineText(2_000);

/** The health check's four engagement categories (Halton, Appendix B); IAP2 inform / consult / involve / empower. */
export const engagementCategories = ['information_giving', 'consultation', 'deciding_together', 'acting_together'] as const;
export const engagementCategory = z.enum(engagementCategories);
export type EngagementCategory = z.infer<typeof engagementCategory>;

export const dateWindow = z
  .object({
    opens: isoDate.meta({ description: 'The first day people can take part' }),
    closes: isoDate.meta({ description: 'The last day people can take part' }),
  })
  .meta({ title: 'When it runs' });
export type DateWindow = z.infer<typeof dateWindow>;

/** A document published with an activity, so people can give it intelligent consideration (Gunning 2). */
export const publishedDocument = z.object({
  title: shortText.meta({ title: 'Document title', description: 'The document’s title, as published' }),
  url: webLink.optional().meta({ title: 'Web address', description: 'Where people can read it (http or https)' }),
  publishedOn: isoDate.meta({ description: 'The day it was made available' }),
});

/** Participants by protected characteristic, as reported when the activity closed: { age: { "16-24": 12 } }. */
const monitoringLabel = cleanText(z.string().min(1).max(100), false);
export const equalityMonitoring = z
  .record(monitoringLabel, z.record(monitoringLabel, z.int().min(0)))
  .meta({ description: 'Participants counted by protected characteristic and group, one line each: “age / 16-24 = 12”' });
export type EqualityMonitoring = z.infer<typeof equalityMonitoring>;
