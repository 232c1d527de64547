// Areas and communities of interest by quarter, organisations by year. An id the ledger does not
// define is 404; one defined with nothing published shows its name and says so.

import type { FastifyInstance } from 'fastify';
import { PUBLIC_CACHE } from '../../http/public-cache.js';
import type { ChoiceKind } from '../../projections/read-models/reference/choices.js';
import { filledIn, nextPage, type Site } from '../site.js';
import { notFound } from './consultations.js';

const pages = [
  { url: '/areas/:id', view: 'public/area', kind: 'areas', template: 'place', what: 'area', title: 'place.areaTitle' },
  { url: '/communities/:id', view: 'public/community', kind: 'communities', template: 'place', what: 'community', title: 'place.communityTitle' },
  { url: '/organisations/:id', view: 'public/organisation', kind: 'organisations', template: 'organisation', what: 'organisation', title: 'organisation.title' },
] as const;

export function placePages(app: FastifyInstance, site: Site): void {
  for (const spec of pages) {
    app.get(spec.url, { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
      site.answer(request, reply, async () => {
        const { id } = request.params as { id: string };
        const page = await site.read(spec.view, { id, ...filledIn(request, ['cursor', 'limit']) });
        const name = await nameOf(site, spec.kind, id);
        if (name === undefined) throw notFound(spec.what);
        const next = nextPage(request, page.next);
        return {
          positions: [page.position],
          json: page,
          csv: page.rows,
          next,
          html: { template: spec.template, title: site.messages.t(spec.title, { name }), data: { id, name, kind: spec.what, rows: page.rows, next, settings: site.deps.settings } },
        };
      }),
    );
  }
}

/** The defined name of an area, community or organisation; undefined when the ledger defines none by that id. */
async function nameOf(site: Site, kind: ChoiceKind, id: string): Promise<string | undefined> {
  const { choices } = await site.deps.read.choices(kind);
  return choices.find((c) => c.id === id)?.name;
}
