// The action tracker: per plan, each action's status, lead, timing (and how often it moved), latest
// progress and whether it is overdue; and one action's whole progress history.

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/errors.js';
import type { PageDeps } from '../deps.js';
import { actionStatuses } from '../../domain/events/action.js';
import { actionStream } from '../../domain/aggregates/action.js';
import { entityId } from '../../domain/values.js';
import { toLedgerEvent } from '../../ledger/command-handler.js';
import { actionView } from '../../projections/entities/action-view.js';
import { formQuery, readView } from '../read.js';
import { label } from './labels.js';
import { page } from './page.js';

export function actionPages(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages/actions', 'actions', 'actions', async (request) => {
    const query = formQuery(request);
    const [summary, tracker] = await Promise.all([readView(deps.read, 'action-plans/summary', query), readView(deps.read, 'action-plans/tracker', query)]);
    const plans = summary.rows.map((plan) => ({ plan, actions: tracker.rows.filter((r) => r.planId === plan.planId) }));
    return { title: 'Action tracker', query, summary, tracker, plans, statuses: actionStatuses, label };
  });

  // As GET /v1/actions/:actionId reads it: the action's stream folded by the same view.
  page(app, '/pages/actions/:actionId', 'action', 'actions', async (request) => {
    const parsed = entityId.safeParse((request.params as { actionId: string }).actionId);
    if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', 'params.actionId is not an id', { issues: [{ path: 'params.actionId', message: 'invalid id' }] });
    const events = await deps.store.readStream(actionStream(parsed.data));
    if (events.length === 0) throw new ApiError(404, 'ACTION_NOT_FOUND', `no action ${parsed.data}`, { actionId: parsed.data });
    const action = actionView(events.map(toLedgerEvent));
    return { title: action.planned?.what ?? parsed.data, actionId: parsed.data, action, label };
  });
}
