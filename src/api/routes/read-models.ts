// Every read-model view as a GET route at /v1/<view>, a thin face over the read service: JSON
// pages by default (`limit`, `cursor`, and `next` in the answer), CSV of every page for
// `Accept: text/csv` or `?format=csv`, streamed a page at a time; `?after=POSITION` waits
// (bounded) until the read models have caught up with a write the caller made.

import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidFields } from '../../read/errors.js';
import { pageRequest } from '../../read/page-request.js';
import type { ReadService } from '../../read/read-service.js';
import { ALL_ROLES } from '../auth.js';
import { csvPages } from '../csv.js';
import { errorResponses } from '../schemas.js';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/** What this face adds to a view's query: the answer's format, read-your-writes, and the day of reckoning. */
const readOptions = z.object({
  after: z.coerce.number().int().min(0).optional().meta({ description: 'Wait (up to 5 s) until the read model has applied this log position' }),
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: every page, streamed (as Accept: text/csv)' }),
  today: z.iso.date().optional().meta({ description: 'The date "overdue" and "days since" are counted from; default today' }),
});

const answer = z.object({
  rows: z.array(z.record(z.string(), z.unknown())),
  next: z.string().nullable().meta({ description: 'Send it as `cursor` for the next page; null on the last page' }),
  position: z.int().meta({ description: 'The log position the read model has applied' }),
  caughtUp: z.boolean().meta({ description: 'False when ?after was not reached within the wait' }),
});

function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  return format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));
}

/** The read service validates a view's query, the same way for every face: the route schema only documents it. */
const documentedOnly = () => (value: unknown) => ({ value });

export function readModelRoutes(app: FastifyInstance, read: ReadService): void {
  for (const view of read.views) {
    app.withTypeProvider<ZodTypeProvider>().get(
      `/v1/${view.name}`,
      {
        config: { roles: ALL_ROLES, personalData: true },
        validatorCompiler: documentedOnly,
        schema: {
          summary: view.summary,
          description: view.description,
          tags: ['read models'],
          querystring: view.filters.extend(pageRequest.shape).extend(readOptions.shape),
          response: { 200: answer, ...errorResponses },
        },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.query as Record<string, unknown>;
        const options = readOptions.safeParse({ after: query.after, format: query.format, today: query.today });
        if (!options.success) throw invalidFields(options.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
        const { after, format, today } = options.data;
        const caughtUp = after === undefined ? true : await read.waitFor(after, READ_YOUR_WRITES_TIMEOUT_MS);
        const context = today === undefined ? {} : { today };
        if (wantsCsv(request, format)) {
          const pages = await read.pages(view.name, query, context);
          const name = view.name.replaceAll('/', '-');
          return reply
            .header('x-read-model-position', String(pages.position))
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(Readable.from(csvPages(pages)));
        }
        const page = await read.read(view.name, query, context);
        reply.header('x-read-model-position', String(page.position));
        // Serialised here rather than by the route's schema: a check of every row of a large page cost more than the view.
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ ...page, caughtUp }));
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
    async () => ({ projections: await read.states() }),
  );
}
