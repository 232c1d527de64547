// Reads of one entity: its current state, folded from its stream, and its full
// history with the provenance an auditor needs. Every role reads entities and their
// history (the audit trail is a read model panels use too); only writes are restricted.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LedgerEvent } from '../domain/events/catalogue.js';
import { entityId } from '../domain/values.js';
import { toLedgerEvent } from '../ledger/command-handler.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import { ALL_ROLES } from './auth.js';
import { ApiError } from './errors.js';
import { errorResponses } from './schemas.js';

export interface EntityRouteSpec {
  /** URL segment, e.g. 'activities'. */
  resource: string;
  /** The id's name in the URL and the data, e.g. 'activityId'. */
  idParam: string;
  noun: string;
  stream(id: string): string;
  /** Current state as a reader sees it, folded from the stream's events. */
  view(events: readonly LedgerEvent[]): Record<string, unknown>;
}


export const recordedEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  version: z.int(),
  streamId: z.string(),
  revision: z.int(),
  position: z.int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  organisation: z.string().nullable(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  hash: z.string().nullable(),
  data: z.unknown(),
});

/** An event with its provenance, flat, as auditors read it. The data is as recorded (not upcast). */
export function withProvenance(event: RecordedEvent): z.infer<typeof recordedEventSchema> {
  const { metadata } = event;
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    organisation: metadata.organisation,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    hash: event.hash,
    data: event.data,
  };
}

export function entityRoutes(app: FastifyInstance, store: EventStore, spec: EntityRouteSpec): void {
  const params = z.object({ [spec.idParam]: entityId });
  const load = async (id: string): Promise<RecordedEvent[]> => {
    const events = await store.readStream(spec.stream(id));
    if (events.length === 0) throw new ApiError(404, `${spec.noun.toUpperCase().replaceAll(' ', '_')}_NOT_FOUND`, `no ${spec.noun} ${id}`, { id });
    return events;
  };
  const idOf = (p: unknown): string => (p as Record<string, string>)[spec.idParam] as string;

  app.withTypeProvider<ZodTypeProvider>().get(
    `/v1/${spec.resource}/:${spec.idParam}`,
    {
      config: { roles: ALL_ROLES },
      schema: {
        summary: `A ${spec.noun}'s current state`,
        tags: [spec.resource],
        params,
        response: { 200: z.object({ id: z.string(), revision: z.int(), state: z.record(z.string(), z.unknown()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = idOf(request.params);
      const events = await load(id);
      const revision = (events.at(-1) as RecordedEvent).revision;
      reply.header('etag', `"${revision}"`);
      return { id, revision, state: spec.view(events.map(toLedgerEvent)) };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    `/v1/${spec.resource}/:${spec.idParam}/events`,
    {
      config: { roles: ALL_ROLES },
      schema: {
        summary: `A ${spec.noun}'s full history, corrections included, with who recorded each event and when`,
        tags: [spec.resource],
        params,
        response: { 200: z.object({ id: z.string(), events: z.array(recordedEventSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const id = idOf(request.params);
      return { id, events: (await load(id)).map(withProvenance) };
    },
  );
}
