// Reads of one entity: its current state, folded from its stream, and its full
// history with the provenance an auditor needs. Every role reads entities and their
// history (the audit trail is a read model panels use too); only writes are restricted.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LedgerEvent } from '../domain/events/catalogue.js';
import { toLedgerEvent } from '../ledger/command-handler.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import { ALL_ROLES } from './auth.js';
import { ApiError } from './errors.js';
import { pathParams, pathParamsSchema } from './paths.js';
import { errorResponses } from './schemas.js';
import { recordedEventSchema, withProvenance } from '../ledger/provenance.js';

export interface EntityRouteSpec {
  /** The entity's URL, e.g. '/v1/activities/:activityId'; its history is at `<url>/events`. */
  url: string;
  noun: string;
  /** The entity's stream, from the URL's ids in the order they appear (a submission is named by its cycle and organisation). */
  stream(...ids: string[]): string;
  /** Current state as a reader sees it, folded from the stream's events. */
  view(events: readonly LedgerEvent[]): Record<string, unknown>;
}

/** 'health-check submission' -> 'HEALTH_CHECK_SUBMISSION_NOT_FOUND': codes are one spelling, whatever the noun's punctuation. */
export function notFoundCode(noun: string): string {
  return `${noun.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_NOT_FOUND`;
}

export function entityRoutes(app: FastifyInstance, store: EventStore, spec: EntityRouteSpec): void {
  const names = pathParams(spec.url);
  const params = pathParamsSchema(names);
  const tags = [spec.url.split('/')[2] ?? 'ledger'];
  // The response names the entity by its own (last) id; the others only locate it.
  const idsOf = (p: unknown): string[] => names.map((name) => (p as Record<string, string>)[name] as string);
  const load = async (ids: string[]): Promise<RecordedEvent[]> => {
    const events = await store.readStream(spec.stream(...ids));
    if (events.length === 0) {
      throw new ApiError(404, notFoundCode(spec.noun), `no ${spec.noun} ${ids.join(' / ')}`, Object.fromEntries(names.map((n, i) => [n, ids[i]])));
    }
    return events;
  };

  app.withTypeProvider<ZodTypeProvider>().get(
    spec.url,
    {
      config: { roles: ALL_ROLES, personalData: true },
      schema: {
        summary: `A ${spec.noun}'s current state`,
        tags,
        params,
        response: { 200: z.object({ id: z.string(), revision: z.int(), state: z.record(z.string(), z.unknown()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ids = idsOf(request.params);
      const events = await load(ids);
      const revision = (events.at(-1) as RecordedEvent).revision;
      reply.header('etag', `"${revision}"`);
      return { id: ids.at(-1) as string, revision, state: spec.view(events.map(toLedgerEvent)) };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    `${spec.url}/events`,
    {
      config: { roles: ALL_ROLES, personalData: true },
      schema: {
        summary: `A ${spec.noun}'s full history, corrections included, with who recorded each event and when`,
        tags,
        params,
        response: { 200: z.object({ id: z.string(), events: z.array(recordedEventSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ids = idsOf(request.params);
      return { id: ids.at(-1) as string, events: (await load(ids)).map(withProvenance) };
    },
  );
}
