// The rules every value meets when it is recorded: dates within the ledger's range, text without
// control or bidirectional-override characters, links to http(s) documents only; and events
// already in the log read whatever they hold.

import { afterEach, describe, expect, it } from 'vitest';
import { readEvent, UnreadableEvent, validateEvent } from '../../src/domain/events/catalogue.js';
import {
  configureDateRange,
  currentDateRange,
  DEFAULT_DATE_RANGE,
  isoDate,
  longText,
  reason,
  shortText,
  webLink,
} from '../../src/domain/values.js';

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;
const messageOf = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message;

afterEach(() => configureDateRange(DEFAULT_DATE_RANGE));

describe('calendar dates', () => {
  it('accepts dates from 1900-01-01 to 2100-12-31 and refuses others, saying the range', () => {
    expect(['1900-01-01', '2013-03-12', '2100-12-31'].map((d) => accepts(isoDate, d))).toEqual([true, true, true]);
    expect(['1899-12-31', '2101-01-01', '9999-12-01'].map((d) => accepts(isoDate, d))).toEqual([false, false, false]);
    expect(messageOf(isoDate, '9999-12-01')).toBe('must be a date from 1900-01-01 to 2100-12-31');
  });

  it('refuses what is not a calendar date: a five-digit year, 30 February, a time', () => {
    expect(['10000-01-01', '2013-02-30', '2013-03-12T00:00:00Z', '12/03/2013'].some((d) => accepts(isoDate, d))).toBe(false);
  });

  it('given a configured range, when a date falls outside it, then it is refused; an inverted range is not configured', () => {
    configureDateRange({ min: '2000-01-01', max: '2030-12-31' });
    expect(accepts(isoDate, '1999-12-31')).toBe(false);
    expect(accepts(isoDate, '2030-12-31')).toBe(true);
    expect(() => configureDateRange({ min: '2030-01-01', max: '2000-01-01' })).toThrow(/invalid date range/);
    expect(() => configureDateRange({ min: '0999-01-01x', max: '2000-01-01' })).toThrow(/invalid date range/);
    expect(currentDateRange()).toEqual({ min: '2000-01-01', max: '2030-12-31' });
  });

  it('reads an event recorded with a date outside the range, but refuses to record one', () => {
    const far = { activityId: 'a1', openedOn: '9999-12-01' };
    expect(readEvent('ActivityOpened', 1, far)).toEqual({ type: 'ActivityOpened', data: far });
    expect(() => validateEvent({ type: 'ActivityOpened', data: far })).toThrow(UnreadableEvent);
  });
});

describe('text', () => {
  const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
  const controls = ['\u0000', '\u0001', '\u001B', '\u007F', '\u0085', '\u009F'];

  it('refuses NUL, other C0 and C1 controls and the bidirectional overrides and isolates in every text field', () => {
    for (const schema of [shortText, longText, reason]) {
      for (const c of [...controls, ...bidi]) expect(accepts(schema, `Residents ${c}survey`), JSON.stringify(c)).toBe(false);
    }
    expect(messageOf(shortText, 'invoice\u202Etxt.exe')).toMatch(/U\+202E/);
  });

  it('lets long text keep tabs and line breaks, and refuses them in a one-line title', () => {
    for (const c of ['\t', '\n', '\r\n']) {
      expect(accepts(longText, `Line one${c}line two`)).toBe(true);
      expect(accepts(shortText, `Title${c}more`)).toBe(false);
    }
  });

  it('accepts right-to-left text and its marks, and characters outside the basic plane', () => {
    expect(accepts(shortText, 'مشاورة السكان \u200F2013')).toBe(true);
    expect(accepts(shortText, 'Consultation 👍')).toBe(true);
  });

  it('refuses a lone surrogate, which is not text at all', () => {
    expect(accepts(longText, 'half a \uD83D pair')).toBe(false);
  });

  it('reads an event recorded with such characters, but refuses to record one', () => {
    const amended = { activityId: 'a1', findingId: 'f1', theme: 'Theme\u202Ereversed', reason: 'r' };
    expect(readEvent('FindingAmended', 1, amended)).toEqual({ type: 'FindingAmended', data: amended });
    expect(() => validateEvent({ type: 'FindingAmended', data: amended })).toThrow(UnreadableEvent);
  });
});

describe('document links', () => {
  it('accepts http and https links only', () => {
    expect(['https://www.halton.gov.uk/consultation', 'http://example.org/a.pdf'].every((u) => accepts(webLink, u))).toBe(true);
    for (const link of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org/a.pdf', 'file:///etc/passwd', 'vbscript:x']) {
      expect(accepts(webLink, link), link).toBe(false);
    }
    expect(messageOf(webLink, 'javascript:alert(1)')).toBe('must be an http: or https: URL');
  });
});
