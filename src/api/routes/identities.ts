// Identities from the council's identity provider (OpenID Connect), mapped by an administrator to
// a role and an organisation: map one (by its subject, or by a verified e-mail address), list
// them, unmap one (its sessions end). Unmapping is a POST to the mapping's own path: the API has
// no PUT, PATCH or DELETE anywhere. `ledger identity map|list|unmap` does the same from the machine.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../domain/actor.js';
import { entityId, shortText } from '../../domain/values.js';
import { mapIdentity, type Identities } from '../../identity/identities.js';
import type { Sessions } from '../../sessions/sessions.js';
import type { EventStore } from '../../store/port.js';
import { actorOf, ADMIN } from '../auth.js';
import { ApiError } from '../errors.js';
import { pathParamsSchema } from '../paths.js';
import { errorResponses } from '../schemas.js';

const mapping = z.object({
  id: z.string(),
  issuer: z.string(),
  by: z.enum(['subject', 'email']),
  value: z.string().meta({ description: 'The subject, or the e-mail address in lower case' }),
  role: z.enum(roles),
  organisationId: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastSignInAt: z.string().nullable(),
});

export interface IdentityRouteDeps {
  identities: Identities;
  sessions: Sessions;
  store: EventStore;
  /** OIDC_ISSUER: the issuer a mapping is for when the request names none. */
  oidcIssuer?: string;
}

const mapBody = z.object({
  subject: z.string().trim().min(1).max(255).optional().meta({ description: 'The identity’s `sub` at the provider (stable; the better choice)' }),
  email: z.email().max(320).optional().meta({ description: 'Or its e-mail address, matched only when the provider says it is verified' }),
  issuer: z.url().optional().meta({ description: 'The provider’s issuer URL; default OIDC_ISSUER' }),
  role: z.enum(roles),
  organisationId: entityId.optional().meta({ description: 'The organisation an officer acts for (officers only)' }),
  label: shortText.optional().meta({ description: 'Who it is, for the list' }),
});

export function identityRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/v1/identities',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Map an identity of the identity provider to a role and organisation, by subject or by e-mail address',
        description: 'An officer’s organisation must be registered in the ledger (422 UNKNOWN_ORGANISATION); an identity is mapped once (422 IDENTITY_ALREADY_MAPPED).',
        tags: ['identities'],
        body: mapBody,
        response: { 201: mapping, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject, email, issuer, role, organisationId, label } = request.body;
      if ((subject === undefined) === (email === undefined)) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'give a subject or an e-mail address, not both', {
          issues: [{ path: subject === undefined ? 'body.subject' : 'body.email', message: 'give one of subject and email' }],
        });
      }
      const forIssuer = issuer ?? deps.oidcIssuer;
      if (!forIssuer) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'no identity provider is configured (OIDC_ISSUER): name the issuer', { issues: [{ path: 'body.issuer', message: 'required' }] });
      }
      const mapped = await mapIdentity(deps, {
        issuer: forIssuer,
        by: subject !== undefined ? 'subject' : 'email',
        value: (subject ?? email) as string,
        role,
        organisationId: organisationId ?? null,
        label: label ?? null,
        createdBy: actorOf(request).id,
      });
      return reply.status(201).send(mapped);
    },
  );
  typed.get(
    '/v1/identities',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Every mapped identity: how it is recognised, its role and organisation, and its last sign-in',
        tags: ['identities'],
        response: { 200: z.object({ identities: z.array(mapping) }), ...errorResponses },
      },
    },
    async () => ({ identities: await deps.identities.list() }),
  );
  typed.post(
    '/v1/identities/:mappingId/unmap',
    {
      config: { roles: ADMIN },
      schema: {
        summary: 'Unmap an identity: it is refused at its next sign-in, and the sessions it opened end now',
        tags: ['identities'],
        params: pathParamsSchema(['mappingId']),
        response: {
          200: z.object({ identity: mapping, sessionsEnded: z.int().meta({ description: 'Browser sessions opened through it, ended now' }) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { mappingId } = request.params as { mappingId: string };
      const outcome = await deps.identities.unmap(mappingId, deps.sessions);
      if (!outcome) throw new ApiError(404, 'IDENTITY_NOT_FOUND', `there is no identity mapping ${mappingId}`, { mappingId });
      return { identity: outcome.mapping, sessionsEnded: outcome.sessionsEnded };
    },
  );
}
