// The home page, the finder and one consultation: read through the public views, answered as
// HTML, JSON or CSV at the same address.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.js';
import { PUBLIC_CACHE } from '../../http/public-cache.js';
import type { Row } from '../../projections/read-model-view.js';
import { consultationJsonLd } from '../feeds/json-ld.js';
import { filledIn, nextPage, type Site } from '../site.js';

export const FINDER_FILTERS = ['q', 'area', 'community', 'topic', 'organisation', 'status', 'from', 'to', 'sort'] as const;
const PAGING = ['cursor', 'limit'] as const;
/** Rows a finder page shows in a browser; JSON and CSV take `limit` (default 100, at most 1,000). */
const HTML_PAGE = 20;

export const notFound = (what: string): ApiError => new ApiError(404, 'NOT_FOUND', `there is no published ${what} here`);

export function consultationPages(app: FastifyInstance, site: Site): void {
  app.get('/', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(request, reply, async () => {
      const [open, closing, outcomes] = await Promise.all([
        site.read('public/consultations', { status: 'open', limit: 6 }),
        site.read('public/consultations', { status: 'open', sort: 'closing', limit: 5 }),
        site.read('public/decisions', { sort: 'published', limit: 5 }),
      ]);
      const lists = { open_now: open.rows, closing_soon: closing.rows, outcomes_recently_published: outcomes.rows };
      return {
        positions: [open.position, closing.position, outcomes.position],
        json: { ...lists, position: Math.max(open.position, closing.position, outcomes.position) },
        csv: Object.entries(lists).flatMap(([list, rows]) => rows.map((row) => ({ list, ...row }))),
        html: { template: 'home', title: site.messages.t('home.title'), current: 'home', data: lists },
      };
    }),
  );

  app.get('/consultations', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(request, reply, async (format) => {
      const filters = filledIn(request, FINDER_FILTERS);
      const paging = filledIn(request, PAGING);
      const page = await site.read('public/consultations', { ...filters, ...paging, ...(format === 'html' && paging.limit === undefined ? { limit: HTML_PAGE } : {}) });
      const next = nextPage(request, page.next);
      const choices = format === 'html' ? await finderChoices(site) : null;
      return {
        positions: [page.position],
        json: page,
        csv: page.rows,
        next,
        html: { template: 'consultations', title: site.messages.t('finder.title'), current: 'consultations', data: { rows: page.rows, filters, next, choices, first: page.next !== null || paging.cursor !== undefined ? firstPage(request) : null } },
      };
    }),
  );

  app.get('/consultations/:id', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(request, reply, async () => {
      const { id } = request.params as { id: string };
      const page = await site.read('public/consultation', { id });
      const found = page.rows[0];
      if (!found) throw notFound('consultation');
      const row = await site.withHashes(found);
      return {
        positions: [page.position],
        json: { rows: [row], next: null, position: page.position },
        csv: [row],
        html: { template: 'consultation', title: String(row.title), current: 'consultations', data: { row, jsonLd: consultationJsonLd(row, site.url(request, String(row.base_path))) } },
      };
    }),
  );
}

/** The finder's own address without a cursor. */
function firstPage(request: FastifyRequest): string {
  const [path, query = ''] = request.url.split('?');
  const params = new URLSearchParams(query);
  params.delete('cursor');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : (path as string);
}

/** The areas, communities and organisations the ledger defines, for the finder's form (reference data, not records). */
async function finderChoices(site: Site): Promise<Record<string, Row[]>> {
  const [areas, communities, organisations] = await Promise.all([site.deps.read.choices('areas'), site.deps.read.choices('communities'), site.deps.read.choices('organisations')]);
  return { areas: areas.choices as unknown as Row[], communities: communities.choices as unknown as Row[], organisations: organisations.choices as unknown as Row[] };
}
