// Every read-model view as a GET route: JSON by default, CSV for `Accept: text/csv`
// or `?format=csv`; `?after=POSITION` waits (bounded) until the read models have
// caught up with a write the caller made.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReadModelStore } from '../../projections/read-model-store.js';
import type { ReadSide } from '../../projections/read-side.js';
import type { ReadModelView } from '../../projections/read-model-view.js';
import { ALL_ROLES } from '../auth.js';
import { toCsv } from '../csv.js';
import { errorResponses } from '../schemas.js';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

const readOptions = z.object({
  after: z.coerce.number().int().min(0).optional().meta({ description: 'Wait (up to 5 s) until the read model has applied this log position' }),
  format: z.enum(['json', 'csv']).optional(),
  today: z.iso.date().optional().meta({ description: 'The date "overdue" and "days since" are counted from; default today' }),
});

function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  return format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));
}

export async function documentsFor(readModels: ReadModelStore, view: ReadModelView): Promise<(prefix: string) => readonly unknown[]> {
  const loaded = new Map<string, unknown[]>();
  for (const prefix of view.documents) loaded.set(prefix, (await readModels.list(view.projection, prefix)).map(([, doc]) => doc));
  return (prefix) => loaded.get(prefix) ?? [];
}

export function readModelRoutes(app: FastifyInstance, readSide: ReadSide, views: readonly ReadModelView[]): void {
  for (const view of views) {
    app.withTypeProvider<ZodTypeProvider>().get(
      view.path,
      {
        config: { roles: ALL_ROLES },
        schema: {
          summary: view.summary,
          description: view.description,
          tags: ['read models'],
          querystring: view.filters.extend(readOptions.shape),
          response: {
            200: z.object({
              rows: z.array(z.record(z.string(), z.unknown())),
              position: z.int().meta({ description: 'The log position the read model has applied' }),
              caughtUp: z.boolean().meta({ description: 'False when ?after was not reached within the wait' }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { after, format, today, ...filters } = request.query as z.infer<typeof readOptions> & Record<string, unknown>;
        const caughtUp = after === undefined ? true : await readSide.waitFor(after, READ_YOUR_WRITES_TIMEOUT_MS);
        const documents = await documentsFor(readSide.readModels, view);
        const position = (await readSide.readModels.checkpoint(view.projection))?.position ?? 0;
        const rows = view.run(documents, filters, { today: today ?? new Date().toISOString().slice(0, 10) });
        reply.header('x-read-model-position', String(position));
        if (wantsCsv(request, format)) {
          const name = view.path.split('/').slice(2).join('-');
          return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows));
        }
        // Serialised here rather than by the route's schema: a check of every row of a large answer
        // (thousands of matrix cells, a report over 100k activities) cost more than the view.
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ rows, position, caughtUp }));
      },
    );
  }

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/projections',
    {
      config: { roles: ALL_ROLES },
      schema: {
        summary: 'Each projection’s position, lag, status and last error',
        tags: ['read models'],
        response: {
          200: z.object({
            projections: z.array(
              z.object({ name: z.string(), version: z.int(), position: z.int(), lag: z.int(), status: z.string(), lastError: z.string().nullable() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ projections: await readSide.states() }),
  );
}
