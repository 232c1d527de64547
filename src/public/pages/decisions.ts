// Published decisions: the list, and one decision with the consultations that fed it and the
// Gunning principles in plain words.

import type { FastifyInstance } from 'fastify';
import { PUBLIC_CACHE } from '../../http/public-cache.js';
import { filledIn, nextPage, type Site } from '../site.js';
import { notFound } from './consultations.js';

const DECISION_FILTERS = ['organisation', 'area', 'community', 'topic', 'from', 'to', 'sort'] as const;

export function decisionPages(app: FastifyInstance, site: Site): void {
  app.get('/decisions', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(request, reply, async (format) => {
      const paging = filledIn(request, ['cursor', 'limit']);
      const page = await site.read('public/decisions', { ...filledIn(request, DECISION_FILTERS), ...paging, ...(format === 'html' && paging.limit === undefined ? { limit: 20 } : {}) });
      const next = nextPage(request, page.next);
      return {
        positions: [page.position],
        json: page,
        csv: page.rows,
        next,
        html: { template: 'decisions', title: site.messages.t('decisions.title'), current: 'decisions', data: { rows: page.rows, next } },
      };
    }),
  );

  app.get('/decisions/:id', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(request, reply, async () => {
      const { id } = request.params as { id: string };
      const page = await site.read('public/decision', { id });
      const found = page.rows[0];
      if (!found) throw notFound('decision');
      const row = await site.withHashes(found);
      return {
        positions: [page.position],
        json: { rows: [row], next: null, position: page.position },
        csv: [row],
        html: { template: 'decision', title: String(row.title), current: 'decisions', data: { row } },
      };
    }),
  );
}
