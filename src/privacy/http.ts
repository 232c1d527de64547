// Personal data over HTTP: every JSON response is revealed for its reader on the way out
// (one hook, so no route can forget), and an administrator's erasure route.

import type { FastifyInstance } from 'fastify';
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

export function personalDataRoutes(app: FastifyInstance, deps: PersonalDataDeps): void {
  // Public routes have no actor: they see no personal data (personalDataAccess(null) withholds).
  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (payload === null || typeof payload !== 'object' || Buffer.isBuffer(payload)) return payload;
    return reveal(payload, deps.keys, personalDataAccess(request.actor));
  });
  // A route that serialises its own JSON (for speed) skips the hook above: the envelope's
  // version string in the text catches it here, so no envelope leaves the server unrevealed.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(SEAL_VERSION)) return payload;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return payload;
    }
    return JSON.stringify(await reveal(parsed, deps.keys, personalDataAccess(request.actor)));
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
