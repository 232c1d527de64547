// Decisions and the influence links that evidence how engagement was taken into account.

import type { FastifyInstance } from 'fastify';
import { decisionStream } from '../../domain/aggregates/decision.js';
import { InfluenceLinked } from '../../domain/events/decision.js';
import { entityId } from '../../domain/values.js';
import { decisionView } from '../../projections/entities/decision-view.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

/**
 * A link's body names what it cites as `cites`: in every body `source` is the document the record
 * was taken from (command-route.ts). The event keeps the catalogue's name, `source`.
 */
const linkBody = InfluenceLinked.schema
  .omit({ decisionId: true, linkId: true, source: true })
  .extend({ linkId: entityId.optional(), cites: InfluenceLinked.schema.shape.source });

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
    url: `${id}/outcome`,
    command: 'DecideRecommendation',
    summary: 'Record what the body decided on a recommendation put to it, or on an item it deferred',
    description: 'Only a decision recorded as `recommended` or `deferred` takes an outcome; the decision then reads as what was decided, on that day.',
  });
  commandRoute(app, deps, {
    url: `${id}/influence`,
    command: 'LinkInfluence',
    summary: 'Record how an activity or finding influenced the decision',
    description:
      'The cited activity (`cites`) must have opened before the decision date; a view not adopted needs the reason why. ' +
      '`source`, as in every command, is the document the link was recorded from.',
    creates: { idField: 'linkId' },
    body: {
      schema: linkBody,
      toData: (body) => {
        const { cites, ...rest } = body as { cites: unknown };
        return { ...rest, source: cites };
      },
    },
  });
  commandRoute(app, deps, { url: `${id}/influence/:linkId/withdraw`, command: 'WithdrawInfluenceLink', summary: 'Withdraw an influence link; it stays in the history' });
  commandRoute(app, deps, { url: `${id}/publish`, command: 'PublishDecision', summary: 'Publish it on the public site (officers of its organisation)' });
  commandRoute(app, deps, {
    url: `${id}/publication/withdraw`,
    command: 'WithdrawDecisionFromPublication',
    summary: 'Withdraw it from the public site (its publication stays in the history)',
  });
  entityRoutes(app, deps.store, { url: id, noun: 'decision', stream: decisionStream, view: decisionView });
}
