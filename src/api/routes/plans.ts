// Plans: a strategy or action plan, its objectives and their outcome indicators.

import type { FastifyInstance } from 'fastify';
import { planStream } from '../../domain/aggregates/plan.js';
import { planView } from '../../projections/entities/plan-view.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function planRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  const id = '/v1/plans/:planId';
  const objective = `${id}/objectives/:objectiveId`;
  commandRoute(app, deps, { url: '/v1/plans', command: 'AdoptPlan', summary: 'Adopt a plan for your organisation', creates: createsAt('plans', 'planId') });
  commandRoute(app, deps, { url: `${id}/objectives`, command: 'AddObjective', summary: 'Add an objective (aim, outcome, improvement)', creates: { idField: 'objectiveId' } });
  commandRoute(app, deps, { url: `${objective}/amend`, command: 'AmendObjective', summary: 'Correct an objective’s wording' });
  commandRoute(app, deps, {
    url: `${objective}/indicators`,
    command: 'AddOutcomeIndicator',
    summary: 'Add an outcome indicator under an objective',
    creates: { idField: 'indicatorId' },
  });
  entityRoutes(app, deps.store, { url: id, noun: 'plan', stream: planStream, view: planView });
}
