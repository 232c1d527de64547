// Areas and communities of interest: defined once by the administrator, then cited by
// activities and decisions. Each is a resource of its own, built the same way.

import type { FastifyInstance } from 'fastify';
import { areaStream, communityStream } from '../../domain/aggregates/reference.js';
import type { LedgerEvent } from '../../domain/events/catalogue.js';
import { areaView, communityView } from '../../projections/entities/reference-view.js';
import { ADMIN } from '../auth.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

interface DefinedOnce {
  resource: string;
  idField: string;
  command: string;
  noun: string;
  summary: string;
  stream(id: string): string;
  view(events: readonly LedgerEvent[]): Record<string, unknown>;
}

function definedOnceRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps, spec: DefinedOnce): void {
  const { resource, idField, command, summary, noun, stream, view } = spec;
  commandRoute(app, deps, { url: `/v1/${resource}`, command, summary, creates: createsAt(resource, idField), roles: ADMIN });
  entityRoutes(app, deps.store, { url: `/v1/${resource}/:${idField}`, noun, stream, view });
}

export function areaRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  definedOnceRoutes(app, deps, {
    resource: 'areas',
    idField: 'areaId',
    command: 'DefineArea',
    noun: 'area',
    summary: 'Define a geographic community: a ward, neighbourhood, locality or district',
    stream: areaStream,
    view: areaView,
  });
}

export function communityRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  definedOnceRoutes(app, deps, {
    resource: 'communities',
    idField: 'communityId',
    command: 'DefineCommunityOfInterest',
    noun: 'community of interest',
    summary: 'Define a community of interest: young people, tenants, disabled people, businesses...',
    stream: communityStream,
    view: communityView,
  });
}
