// Credentials are the administrator's: issue a token (shown once) and list who has one.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Credentials } from '../../credentials/credentials.js';
import { roles } from '../../domain/actor.js';
import { entityId, shortText } from '../../domain/values.js';
import { actorOf, ADMIN } from '../auth.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas.js';

const credential = z.object({
  id: z.string(),
  role: z.enum(roles),
  organisationId: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export function credentialRoutes(app: FastifyInstance, credentials: Credentials): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/v1/credentials',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Issue a bearer token; the token is in this response only',
        tags: ['credentials'],
        body: z.object({ role: z.enum(roles), organisationId: entityId.optional(), label: shortText }),
        response: { 201: credential.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { role, organisationId, label } = request.body;
      if ((role === 'officer') !== (organisationId !== undefined)) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'an officer credential needs an organisationId, and only an officer’s has one', {
          issues: [{ path: 'body.organisationId', message: role === 'officer' ? 'required for an officer' : 'only for an officer' }],
        });
      }
      const issued = credentials.issue({ role, organisationId, label, createdBy: actorOf(request).id });
      return reply.status(201).send(issued);
    },
  );
  typed.get(
    '/v1/credentials',
    {
      config: { roles: ADMIN },
      schema: { summary: 'Who holds a credential (never the tokens)', tags: ['credentials'], response: { 200: z.object({ credentials: z.array(credential) }), ...errorResponses } },
    },
    async () => ({ credentials: credentials.list() }),
  );
}
