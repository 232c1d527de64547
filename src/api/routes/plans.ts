// Plans: a strategy or action plan through its lifecycle (draft, proposed, adopted, superseded),
// its objectives and their outcome indicators, and the resources and risks it names.

import type { FastifyInstance } from 'fastify';
import { planStream } from '../../domain/aggregates/plan.js';
import { planView } from '../../projections/entities/plan-view.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function planRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  const id = '/v1/plans/:planId';
  const objective = `${id}/objectives/:objectiveId`;
  commandRoute(app, deps, {
    url: '/v1/plans',
    command: 'AdoptPlan',
    summary: 'Record a plan your organisation has adopted',
    description: 'For a plan whose drafts are not in the ledger; a draft is adopted with POST /v1/plans/{planId}/adopt.',
    creates: createsAt('plans', 'planId'),
  });
  commandRoute(app, deps, { url: '/v1/plans/drafts', command: 'DraftPlan', summary: 'Record a plan in draft', creates: createsAt('plans', 'planId') });
  commandRoute(app, deps, { url: `${id}/propose`, command: 'ProposePlan', summary: 'Record that a draft was put to a body for adoption' });
  commandRoute(app, deps, { url: `${id}/adopt`, command: 'AdoptDraftPlan', summary: 'Record that a draft (proposed or not) was adopted' });
  commandRoute(app, deps, { url: `${id}/supersede`, command: 'SupersedePlan', summary: 'Record that another plan replaced it; both stay in the ledger' });
  commandRoute(app, deps, { url: `${id}/objectives`, command: 'AddObjective', summary: 'Add an objective (aim, outcome, improvement)', creates: { idField: 'objectiveId' } });
  commandRoute(app, deps, { url: `${objective}/amend`, command: 'AmendObjective', summary: 'Correct an objective’s wording' });
  commandRoute(app, deps, {
    url: `${objective}/indicators`,
    command: 'AddOutcomeIndicator',
    summary: 'Add an outcome indicator under an objective',
    creates: { idField: 'indicatorId' },
  });
  commandRoute(app, deps, {
    url: `${id}/resources`,
    command: 'AddPlanResource',
    summary: 'Add an item of the plan’s resources or budget (amounts in whole pence)',
    creates: { idField: 'resourceId' },
  });
  commandRoute(app, deps, { url: `${id}/risks`, command: 'IdentifyPlanRisk', summary: 'Add a risk the plan names, with its mitigation', creates: { idField: 'riskId' } });
  commandRoute(app, deps, {
    url: `${id}/partnership/accept`,
    command: 'AcceptPlanPartnership',
    summary: 'Accept, for your organisation, being named a partner of the plan; until then it gains no rights in it',
  });
  commandRoute(app, deps, { url: `${id}/partnership/decline`, command: 'DeclinePlanPartnership', summary: 'Decline, for your organisation, being named a partner of the plan' });
  entityRoutes(app, deps.store, { url: id, noun: 'plan', stream: planStream, view: planView });
}
