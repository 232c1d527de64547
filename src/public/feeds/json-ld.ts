// schema.org Event for a consultation page, in a <script type="application/ld+json"> block (data,
// never run, so the CSP's script-src 'self' stands): its window as the event's dates, its status
// as eventStatus, the organisation running it, its areas as the place, how to take part as the URL.

import type { Row } from '../../projections/read-model-view.js';

interface Named {
  id: string;
  name: string | null;
}

export function consultationJsonLd(row: Row, url: string): Record<string, unknown> {
  const organisation = row.organisation as Named;
  const areas = (row.areas as Named[]).map((a) => a.name ?? a.id);
  const ways = row.ways_to_respond as { link_url: string | null } | null;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    url,
    name: row.title,
    ...(row.description ? { description: row.description } : {}),
    startDate: row.opening_date,
    endDate: row.closing_date,
    eventStatus: row.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: ways?.link_url ? 'https://schema.org/MixedEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    organizer: { '@type': 'Organization', name: organisation.name ?? organisation.id },
    ...(areas.length > 0 ? { location: areas.map((name) => ({ '@type': 'Place', name })) } : {}),
    ...(ways?.link_url ? { sameAs: ways.link_url } : {}),
    isAccessibleForFree: true,
    keywords: (row.topics as string[]).join(', '),
  };
}

/** JSON for a <script> data block: never able to close the element early. */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
