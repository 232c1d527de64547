// The whole log, in order, a page at a time: how an auditor reads everything.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordedEventSchema, withProvenance } from '../../ledger/provenance.js';
import { errorResponses } from '../schemas.js';
import type { ReadDeps } from '../deps.js';

export const MAX_PAGE = 1_000;

export function eventFeedRoutes(app: FastifyInstance, deps: ReadDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/events',
    {
      config: { roles: ['auditor', 'admin'], personalData: true },
      schema: {
        summary: 'Every event of the ledger in log order, after a position',
        description: 'Follow `next` until `events` is empty. Positions are the log’s global order.',
        tags: ['events'],
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0).meta({ description: 'Return events after this position' }),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
        }),
        response: {
          200: z.object({ events: z.array(recordedEventSchema), next: z.int().meta({ description: 'Pass as `after` for the next page' }) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const events = await deps.store.readAll({ after, maxCount: limit });
      return { events: events.map(withProvenance), next: events.at(-1)?.position ?? after };
    },
  );
}
