// A route that turns a request into one domain command: the body is the command's
// data minus the ids in the path, so the request schema, the OpenAPI document and
// the domain all come from one zod schema.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandDataSchema } from '../domain/aggregates/index.js';
import type { Role } from '../domain/actor.js';
import { recordSource, type RecordSource } from '../domain/source.js';
import { entityId } from '../domain/values.js';
import type { CommandResult } from '../ledger/command-handler.js';
import { ulidFactory } from '../ledger/ids.js';
import type { Ledger } from '../ledger/ledger.js';
import { actorOf } from './auth.js';
import { requestHash, type IdempotencyKeys } from '../idempotency/keys.js';
import { once, type Answered, type KeyedRequest } from '../idempotency/once.js';
import { ApiError } from './errors.js';
import { pathParams, pathParamsSchema } from './paths.js';
import { commandResponse, errorResponses, writeHeaders } from './schemas.js';

/** A reshaped body: an object, or a union of objects (one response or a batch). */
type BodySchema = z.ZodObject | z.ZodUnion<readonly z.ZodObject[]>;

export interface CommandRouteSpec {
  /** e.g. '/v1/activities/:activityId/open'; each `:param` is a field of the command's data. */
  url: string;
  command: string;
  summary: string;
  description?: string;
  /** The command creates something: its id field is optional in the body (a fresh ULID when absent), the answer is 201 with `createdId`, and a Location where given. */
  creates?: { idField: string; location?: (id: string) => string };
  /** Default: officers; reference data is the administrator's. */
  roles?: readonly Role[];
  /**
   * Reshape the body (e.g. one response or a batch) into the command's data; `params` are the path's ids.
   * The schema is an object or a union of objects: every body also takes the optional `source`.
   */
  body?: { schema: BodySchema; toData(body: unknown, params: Record<string, string>): Record<string, unknown> };
  /** More to tell the caller about what was recorded (e.g. the data subjects of sealed feedback). */
  respond?(result: CommandResult): Record<string, unknown>;
}

export interface WriteDeps {
  ledger: Ledger;
  idempotency: IdempotencyKeys;
}

const newId = ulidFactory();

/** A top-level resource's `creates`: the new thing lives at /v1/<resource>/<id>. */
export function createsAt(resource: string, idField: string): NonNullable<CommandRouteSpec['creates']> {
  return { idField, location: (id) => `/v1/${resource}/${id}` };
}

/** `If-Match: "3"` (or 3) -> 3; absent -> undefined. */
function expectedRevision(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(String(header));
  if (!match) throw new ApiError(400, 'VALIDATION_FAILED', 'If-Match must be a revision, e.g. "3"', { issues: [{ path: 'headers.if-match', message: 'not a revision' }] });
  return Number(match[1]);
}

/** Every command's body may say what document it was recorded from; it is kept in the events' metadata, not their data. */
const sourceField = { source: recordSource.optional() };

function withSource(schema: z.ZodObject): z.ZodObject {
  const extended = schema.extend(sourceField);
  const meta = schema.meta();
  return meta ? extended.meta(meta) : extended;
}

function bodyWithSource(schema: BodySchema): z.ZodType {
  return schema instanceof z.ZodUnion ? z.union(schema.options.map(withSource)) : withSource(schema);
}

export function commandRoute(app: FastifyInstance, deps: WriteDeps, spec: CommandRouteSpec): void {
  const params = pathParams(spec.url);
  const data = commandDataSchema(spec.command);
  // `source` in a body is the record's document; a command whose data has its own `source` reshapes its body.
  if ('source' in data.shape && !spec.body) throw new Error(`${spec.command}'s data has a field "source": give its route a body that names it otherwise`);
  // Path ids are not repeated in the body; a new entity's id may be given or left to the server.
  const omitted = Object.fromEntries(params.map((p) => [p, true as const])) as Record<string, true>;
  const withoutPathIds = data.omit(omitted as never);
  const bodySchema = bodyWithSource(
    spec.body ? spec.body.schema : spec.creates ? withoutPathIds.extend({ [spec.creates.idField]: entityId.optional() }) : withoutPathIds,
  );
  const paramsSchema = pathParamsSchema(params);

  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'POST',
    url: spec.url,
    config: { roles: spec.roles ?? ['officer'] },
    schema: {
      summary: spec.summary,
      description: spec.description,
      tags: [spec.url.split('/')[2] ?? 'ledger'],
      ...(params.length > 0 ? { params: paramsSchema } : {}),
      body: bodySchema,
      headers: writeHeaders,
      response: { [spec.creates ? 201 : 200]: commandResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      // Everything the command is made of, personal data sealed included, is made only once the
      // Idempotency-Key is claimed: a replay makes nothing (no new subject keys, no new ids).
      const run = async (keyed?: KeyedRequest): Promise<Answered> => {
        const { source, ...given } = request.body as Record<string, unknown> & { source?: RecordSource };
        const body = spec.body ? spec.body.toData(given, request.params as Record<string, string>) : given;
        const fields: Record<string, unknown> = { ...body, ...(request.params as Record<string, string>) };
        if (spec.creates && fields[spec.creates.idField] === undefined) fields[spec.creates.idField] = newId();
        const createdId = spec.creates ? String(fields[spec.creates.idField]) : undefined;
        const entity = params[0] ? String(fields[params[0]]) : (createdId ?? '');
        const answer = (result: CommandResult) => ({
          status: spec.creates ? 201 : 200,
          body: { ...describeResult(entity, result), ...(createdId ? { createdId } : {}), ...spec.respond?.(result) },
        });
        const result = await deps.ledger.execute(
          { type: spec.command, data: fields },
          {
            actor: actorOf(request),
            expectedRevision: expectedRevision(request),
            correlationId: request.id,
            ...(source ? { source } : {}),
            ...(keyed ? { receipt: { ...keyed, answer } } : {}),
          },
        );
        return { ...answer(result), receiptKept: keyed !== undefined && deps.idempotency.storeKeepsReceipts && result.events.length > 0 };
      };
      const outcome = await once(deps.idempotency, keyedRequest(request), run);
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      const { status, body: payload } = outcome;
      const { createdId, revision } = payload as { createdId?: string; revision?: number };
      if (status === 201 && spec.creates?.location && createdId) reply.header('location', spec.creates.location(createdId));
      if (revision !== undefined) reply.header('etag', `"${revision}"`);
      // The status is one of the declared responses; the typed reply cannot see a computed key.
      return (reply as FastifyReply).status(status).send(payload);
    },
  });
}

function describeResult(id: string, result: CommandResult) {
  return {
    id,
    streamId: result.streamId,
    revision: result.revision,
    position: result.position,
    events: result.events.map((e) => ({ id: e.id, type: e.type, version: e.version })),
  };
}

/** The request's Idempotency-Key, scoped to its caller, with the request's hash; undefined without the header. */
function keyedRequest(request: FastifyRequest): KeyedRequest | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const actor = actorOf(request);
  // Keys are each credential's own; a caller with none (a session opened by single sign-on) keys by who it is.
  return { scope: actor.credentialId ?? actor.id, key: String(header), requestHash: requestHash(request.method, request.url, request.body) };
}
