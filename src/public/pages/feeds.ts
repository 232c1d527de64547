// The calendar and the feeds, filterable like the finder: /consultations.ics, and Atom feeds of new
// consultations and of published outcomes at /feeds/consultations.atom and /feeds/outcomes.atom.

import type { FastifyInstance } from 'fastify';
import { PUBLIC_CACHE } from '../../http/public-cache.js';
import type { Row } from '../../projections/read-model-view.js';
import { atomFeed } from '../feeds/atom.js';
import { consultationsCalendar } from '../feeds/ical.js';
import { answerFeed, filledIn, type Site } from '../site.js';
import { FINDER_FILTERS } from './consultations.js';

/** A calendar holds at most this many consultations (the newest by opening): narrow it with filters. */
export const CALENDAR_MOST = 1_000;
/** A feed holds the most recently published this many. */
export const FEED_ENTRIES = 50;

const nameOf = (named: unknown): string => {
  const { id, name } = named as { id: string; name: string | null };
  return name ?? id;
};

export function feedPages(app: FastifyInstance, site: Site): void {
  const { t } = site.messages;

  app.get('/consultations.ics', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) => {
    const filters = filledIn(request, FINDER_FILTERS.filter((f) => f !== 'sort'));
    return answerFeed(site, request, reply, async () => {
      const page = await site.read('public/consultations', { ...filters, limit: CALENDAR_MOST });
      return { positions: [page.position], body: () => consultationsCalendar(page.rows, {
        name: t('site.name'),
        host: new URL(site.url(request, '/')).host,
        url: (path) => site.url(request, path),
        stamp: new Date(String(page.rows[0]?.first_public_at ?? '1970-01-01T00:00:00Z')),
        describe: (row) => [row.description, `${t('consultation.runBy')}: ${nameOf(row.organisation)}`, `${t('finder.status')}: ${t(`status.${String(row.status)}`)}`].filter(Boolean).join('\n'),
      }) };
    }, 'text/calendar; charset=utf-8');
  });

  app.get('/feeds/consultations.atom', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) => {
    const filters = filledIn(request, FINDER_FILTERS.filter((f) => f !== 'sort'));
    return answerFeed(site, request, reply, async () => {
      const page = await site.read('public/consultations', { ...filters, sort: 'published', limit: FEED_ENTRIES });
      return { positions: [page.position], body: () => atomFeed(
        page.rows.map((row) => ({
          row,
          title: String(row.title),
          summary: [row.description, `${t('consultation.opens')} ${String(row.opening_date)}, ${t('consultation.closes')} ${String(row.closing_date)}`].filter(Boolean).join(' — '),
          published: String(row.first_public_at),
          author: nameOf(row.organisation),
        })),
        {
          title: `${t('site.name')}: ${t('site.footer.newConsultations')}`,
          subtitle: t('home.lead'),
          self: site.url(request, request.url),
          page: site.url(request, '/consultations'),
          rights: t('site.footer.licence'),
          url: (path) => site.url(request, path),
          updated: newest(page.rows),
        },
      ) };
    }, 'application/atom+xml; charset=utf-8');
  });

  app.get('/feeds/outcomes.atom', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) => {
    const filters = filledIn(request, ['organisation', 'area', 'community', 'topic', 'from', 'to']);
    return answerFeed(site, request, reply, async () => {
      const page = await site.read('public/decisions', { ...filters, sort: 'published', limit: FEED_ENTRIES });
      return { positions: [page.position], body: () => atomFeed(
        page.rows.map((row) => ({
          row,
          title: String(row.title),
          summary: `${t(`words.outcomeKind.${String(row.outcome_kind)}`)}: ${String(row.outcome)}`,
          published: String(row.first_public_at),
          author: String(row.body),
        })),
        {
          title: `${t('site.name')}: ${t('site.footer.outcomes')}`,
          subtitle: t('decisions.lead'),
          self: site.url(request, request.url),
          page: site.url(request, '/decisions'),
          rights: t('site.footer.licence'),
          url: (path) => site.url(request, path),
          updated: newest(page.rows),
        },
      ) };
    }, 'application/atom+xml; charset=utf-8');
  });
}

function newest(rows: readonly Row[]): Date {
  const times = rows.map((r) => Date.parse(String(r.first_public_at))).filter((n) => !Number.isNaN(n));
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}
