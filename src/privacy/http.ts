// Personal data over HTTP: a route whose answers can carry sealed envelopes (events, histories,
// traces, read-model rows) says so, `config: { personalData: true }`, and its JSON is revealed
// for its reader on the way out. Every other answer (a command's receipt, a credential) skips
// that walk; a substring check on every JSON text stays as the backstop, so a route that
// forgets the mark still sends no envelope, and the log names it. Also the erasure route.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ADMIN } from '../api/auth.js';
import { pathParamsSchema } from '../api/paths.js';
import { errorResponses } from '../api/schemas.js';
import { reason } from '../domain/values.js';
import type { Ledger } from '../ledger/ledger.js';
import { SEAL_VERSION } from '../domain/personal-data.js';
import { eraseSubject } from './erase.js';
import type { SubjectKeys } from './key-store.js';
import { personalDataAccess, reveal } from './reveal.js';

export interface PersonalDataDeps {
  ledger: Ledger;
  keys: SubjectKeys;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Its answers can hold sealed personal data (events and what is folded from them): revealed for the reader. */
    personalData?: boolean;
  }
}

export function personalDataRoutes(app: FastifyInstance, deps: PersonalDataDeps): void {
  // Public routes have no actor: they see no personal data (personalDataAccess(null) withholds).
  const revealFor = (request: FastifyRequest, payload: unknown) => reveal(payload, deps.keys, personalDataAccess(request.actor));
  const warned = new Set<string>();
  // Added to the marked routes only (so registered before them): the others pay nothing.
  app.addHook('onRoute', (route) => {
    if (!route.config?.personalData) return;
    const own = route.preSerialization;
    const revealing = async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) =>
      payload === null || typeof payload !== 'object' || Buffer.isBuffer(payload) ? payload : revealFor(request, payload);
    route.preSerialization = [...(own === undefined ? [] : Array.isArray(own) ? own : [own]), revealing] as typeof route.preSerialization;
  });
  // The backstop, on every route: a marked one that serialises its own JSON (for speed), or one
  // not marked at all. The envelope's version string in the text finds it; parsing only then.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (typeof payload !== 'string' || !payload.includes(SEAL_VERSION)) return done(null, payload);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return done(null, payload);
    }
    revealFor(request, parsed).then((revealed) => {
      // Unchanged: the version string was inside a string (an inclusion proof's leaf), not an envelope.
      if (revealed === parsed) return done(null, payload);
      const url = request.routeOptions.url ?? request.url;
      if (!request.routeOptions.config.personalData && !warned.has(url)) {
        warned.add(url);
        request.log.warn({ route: url }, 'a route not marked personalData sent sealed data: the backstop revealed it; mark the route');
      }
      done(null, JSON.stringify(revealed));
    }, (error: Error) => done(error));
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/subjects/:subjectId/erasure',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Erase a data subject: record SubjectErased and destroy their key, so their sealed personal data is unreadable everywhere',
        description: 'Idempotent: a second request records nothing more. The same as `ledger erase --subject ID` (SECURITY.md).',
        tags: ['subjects'],
        params: pathParamsSchema(['subjectId']),
        body: z.object({ reason: reason.default('Erasure request from the data subject.') }),
        response: {
          200: z.object({
            subjectId: z.string(),
            recorded: z.boolean().meta({ description: 'A SubjectErased event was appended by this request' }),
            position: z.int().nullable(),
            key: z.enum(['erased', 'already_erased']),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { subjectId } = request.params as { subjectId: string };
      return eraseSubject(deps.ledger, deps.keys, { subjectId, reason: request.body.reason }, actorOf(request));
    },
  );
}
