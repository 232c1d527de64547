// Partner organisations: reference data the partnership's administrator keeps, networks' members included.

import type { FastifyInstance } from 'fastify';
import { organisationStream } from '../../domain/aggregates/organisation.js';
import { organisationView } from '../../projections/entities/organisation-view.js';
import { ADMIN } from '../auth.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function organisationRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  const id = '/v1/organisations/:organisationId';
  commandRoute(app, deps, {
    url: '/v1/organisations',
    command: 'RegisterOrganisation',
    summary: 'Register a partner organisation',
    creates: createsAt('organisations', 'organisationId'),
    roles: ADMIN,
  });
  commandRoute(app, deps, { url: `${id}/rename`, command: 'RenameOrganisation', summary: 'Rename it; the old name stays in its history', roles: ADMIN });
  commandRoute(app, deps, { url: `${id}/members`, command: 'AddNetworkMember', summary: 'Add a member to a network (an organisation of kind network)', roles: ADMIN });
  commandRoute(app, deps, { url: `${id}/members/:memberId/remove`, command: 'RemoveNetworkMember', summary: 'Record that a member left the network', roles: ADMIN });
  commandRoute(app, deps, { url: `${id}/replace`, command: 'ReplaceOrganisation', summary: 'Record the organisation that replaced it; both stay', roles: ADMIN });
  entityRoutes(app, deps.store, { url: id, noun: 'organisation', stream: organisationStream, view: organisationView });
}
