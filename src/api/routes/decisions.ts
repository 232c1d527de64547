// Decisions and the influence links that evidence how engagement was taken into account.

import type { FastifyInstance } from 'fastify';
import { decisionStream } from '../../domain/aggregates/decision.js';
import { decisionView } from '../../projections/entities/decision-view.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function decisionRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  const id = '/v1/decisions/:decisionId';
  commandRoute(app, deps, {
    url: '/v1/decisions',
    command: 'RecordDecision',
    summary: 'Record a decision made by a committee, board or partnership',
    creates: createsAt('decisions', 'decisionId'),
  });
  commandRoute(app, deps, { url: `${id}/amend`, command: 'AmendDecision', summary: 'Correct how the decision was recorded' });
  commandRoute(app, deps, {
    url: `${id}/influence`,
    command: 'LinkInfluence',
    summary: 'Record how an activity or finding influenced the decision',
    description: 'The cited activity must have opened before the decision date; a view not adopted needs the reason why.',
    creates: { idField: 'linkId' },
  });
  commandRoute(app, deps, { url: `${id}/influence/:linkId/withdraw`, command: 'WithdrawInfluenceLink', summary: 'Withdraw an influence link; it stays in the history' });
  entityRoutes(app, deps.store, { url: id, noun: 'decision', stream: decisionStream, view: decisionView });
}
