// The consultations as an iCalendar file (RFC 5545), for a calendar to subscribe to: one all-day
// VEVENT per consultation window (DTEND the day after it closes, as all-day events end), its URL
// the consultation's page, its UID stable across downloads, cancelled ones STATUS:CANCELLED.
// Written with ical-generator, which escapes and folds lines as the RFC requires.

import ical from 'ical-generator';
import type { Row } from '../../projections/read-model-view.js';

const day = (date: string): Date => new Date(`${date}T00:00:00Z`);
const dayAfter = (date: string): Date => new Date(day(date).getTime() + 86_400_000);

export interface CalendarOptions {
  name: string;
  /** The host name UIDs are made unique with. */
  host: string;
  /** Absolute address of a path on this site. */
  url(path: string): string;
  /** When it was read: every event's DTSTAMP. */
  stamp: Date;
  describe(row: Row): string;
}

export function consultationsCalendar(rows: readonly Row[], options: CalendarOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: 'engagement-ledger', product: 'public-site', language: 'EN' } });
  for (const row of rows) {
    calendar.createEvent({
      id: `consultation-${String(row.id)}@${options.host}`,
      start: day(String(row.opening_date)),
      end: dayAfter(String(row.closing_date)),
      allDay: true,
      stamp: options.stamp,
      summary: String(row.title),
      description: options.describe(row),
      url: options.url(String(row.base_path)),
      status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      categories: (row.topics as string[]).map((name) => ({ name })),
    } as Parameters<typeof calendar.createEvent>[0]);
  }
  return calendar.toString();
}
