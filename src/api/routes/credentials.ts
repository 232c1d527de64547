// Credentials are the administrator's: issue a token (shown once), list who holds one (never the
// tokens), and revoke one. Revoking is a POST to the credential's own path: the API has no PUT,
// PATCH or DELETE anywhere.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Credentials } from '../../credentials/credentials.js';
import { issueCredential } from '../../credentials/issue.js';
import { lifetime, lifetimeMs } from '../../credentials/lifetime.js';
import { revokeCredential } from '../../credentials/revoke.js';
import { roles } from '../../domain/actor.js';
import { entityId, reason, shortText } from '../../domain/values.js';
import type { Sessions } from '../../sessions/sessions.js';
import type { EventStore } from '../../store/port.js';
import { actorOf, ADMIN } from '../auth.js';
import { ApiError } from '../errors.js';
import { pathParamsSchema } from '../paths.js';
import { errorResponses } from '../schemas.js';

const credential = z.object({
  id: z.string(),
  role: z.enum(roles),
  organisationId: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revocationReason: z.string().nullable(),
  lastUsedAt: z.string().nullable().meta({ description: 'The last authenticated use, to the minute (recorded at most once a minute)' }),
  status: z.enum(['active', 'revoked', 'expired']),
});

export interface CredentialRouteDeps {
  credentials: Credentials;
  sessions: Sessions;
  store: EventStore;
}

export function credentialRoutes(app: FastifyInstance, deps: CredentialRouteDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/v1/credentials',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Issue a bearer token; the token is in this response only',
        description: 'An officer’s organisation must be registered in the ledger (422 UNKNOWN_ORGANISATION otherwise).',
        tags: ['credentials'],
        body: z.object({ role: z.enum(roles), organisationId: entityId.optional(), label: shortText, expiresIn: lifetime.optional() }),
        response: { 201: credential.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { role, organisationId, label, expiresIn } = request.body;
      if ((role === 'officer') !== (organisationId !== undefined)) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'an officer credential needs an organisationId, and only an officer’s has one', {
          issues: [{ path: 'body.organisationId', message: role === 'officer' ? 'required for an officer' : 'only for an officer' }],
        });
      }
      const issued = await issueCredential(deps, {
        role,
        organisationId,
        label,
        createdBy: actorOf(request).id,
        lifetimeMs: expiresIn === undefined ? undefined : lifetimeMs(expiresIn),
      });
      return reply.status(201).send(issued);
    },
  );
  typed.get(
    '/v1/credentials',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Who holds a credential, until when, and when it was last used (never the tokens)',
        tags: ['credentials'],
        response: { 200: z.object({ credentials: z.array(credential) }), ...errorResponses },
      },
    },
    async () => ({ credentials: await deps.credentials.list() }),
  );
  typed.post(
    '/v1/credentials/:credentialId/revoke',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Revoke a credential: its token is refused from now on (401 CREDENTIAL_REVOKED) and its browser sessions end',
        description: 'Idempotent: revoking again changes nothing (`revoked: false`), and the first revocation’s time, author and reason stand.',
        tags: ['credentials'],
        params: pathParamsSchema(['credentialId']),
        // A bare POST revokes too: the reason is optional, and so is the body that carries it.
        body: z.object({ reason: reason.optional() }).nullish(),
        response: {
          200: z.object({
            credential,
            revoked: z.boolean().meta({ description: 'This request revoked it (false: it already was)' }),
            sessionsEnded: z.int().meta({ description: 'Browser sessions it had opened, ended now' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { credentialId } = request.params as { credentialId: string };
      const outcome = await revokeCredential(deps, { credentialId, by: actorOf(request).id, reason: request.body?.reason ?? null });
      if (!outcome) throw new ApiError(404, 'CREDENTIAL_NOT_FOUND', `there is no credential ${credentialId}`, { credentialId });
      return outcome;
    },
  );
}
