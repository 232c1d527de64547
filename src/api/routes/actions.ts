// Plan actions: what, who, when, how, measure; their status, timing, lead and progress.

import type { FastifyInstance } from 'fastify';
import { actionStream } from '../../domain/aggregates/action.js';
import { actionView } from '../../projections/entities/action-view.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function actionRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  const id = '/v1/actions/:actionId';
  commandRoute(app, deps, { url: '/v1/actions', command: 'PlanAction', summary: 'Add an action to a plan', creates: createsAt('actions', 'actionId') });
  commandRoute(app, deps, { url: `${id}/status`, command: 'ChangeActionStatus', summary: 'Move it along its allowed statuses' });
  commandRoute(app, deps, { url: `${id}/progress`, command: 'NoteActionProgress', summary: 'Note progress' });
  commandRoute(app, deps, { url: `${id}/retime`, command: 'RetimeAction', summary: 'Amend its target date or timescale' });
  commandRoute(app, deps, { url: `${id}/reassign`, command: 'ReassignAction', summary: 'Change who leads it' });
  commandRoute(app, deps, { url: `${id}/reopen`, command: 'ReopenAction', summary: 'Reopen a completed or withdrawn action' });
  commandRoute(app, deps, { url: `${id}/milestones`, command: 'AddActionMilestone', summary: 'Add a dated milestone', creates: { idField: 'milestoneId' } });
  commandRoute(app, deps, { url: `${id}/milestones/:milestoneId/reached`, command: 'ReachActionMilestone', summary: 'Record that a milestone was reached' });
  commandRoute(app, deps, {
    url: `${id}/lead/accept`,
    command: 'AcceptActionLead',
    summary: 'Accept, for your organisation, being named a lead of the action; until then it gains no rights in it',
  });
  commandRoute(app, deps, { url: `${id}/lead/decline`, command: 'DeclineActionLead', summary: 'Decline, for your organisation, being named a lead of the action' });
  entityRoutes(app, deps.store, { url: id, noun: 'action', stream: actionStream, view: actionView });
}
