// The dates an export selects by: the events' recordedAt, the ledger's own clock (when
// the event was written), not occurredAt (when the writer says it happened, which may be
// long before). Both ends are inclusive; a bare date means the whole of that day, UTC.

import { z } from 'zod';

export interface DateRange {
  /** ISO timestamps, UTC, millisecond precision. */
  from: string;
  to: string;
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const timestamp = z.iso.datetime({ offset: true });

export function parseDateRange(from: string, to: string): DateRange {
  const start = instant(from, 'from', 'T00:00:00.000Z');
  const end = instant(to, 'to', 'T23:59:59.999Z');
  if (start > end) throw new RangeError(`--from ${from} is after --to ${to}`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

function instant(text: string, name: string, timeOfDay: string): number {
  const iso = dateOnly.test(text) ? `${text}${timeOfDay}` : text;
  const ms = timestamp.safeParse(iso).success ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`--${name} ${text}: expected a date (YYYY-MM-DD) or an ISO timestamp`);
  return ms;
}

/** A test of whether an event recorded at `recordedAt` falls in the range. */
export function recordedWithin(range: DateRange): (recordedAt: unknown) => boolean {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return (recordedAt) => {
    if (typeof recordedAt !== 'string') return false;
    const at = Date.parse(recordedAt);
    return at >= from && at <= to;
  };
}
