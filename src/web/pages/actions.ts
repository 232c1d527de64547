// The action tracker: per plan (and the plan's stage), each action's status, lead, timing (and how
// often it moved), milestones, latest progress and whether it is overdue; and one action's whole
// history, with its leads and where each invitation stands, its milestones and the activities
// that deliver it.

import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/errors.js';
import type { PageDeps } from '../deps.js';
import { actionStatuses } from '../../domain/events/action.js';
import { actionStream } from '../../domain/aggregates/action.js';
import { entityId } from '../../domain/values.js';
import { toLedgerEvent } from '../../ledger/command-handler.js';
import { actionView } from '../../projections/entities/action-view.js';
import type { ReadService } from '../../read/read-service.js';
import { formQuery, readView } from '../read.js';
import { label } from './labels.js';
import { page } from './page.js';

/** Organisations' names by id, from the form choices; an id stands for itself where the ledger has no name. */
async function organisationNames(read: ReadService): Promise<(id: unknown) => string> {
  const names = new Map((await read.choices('organisations')).choices.map((c) => [c.id, c.name]));
  return (id) => names.get(String(id)) ?? String(id);
}

/** "Draft", "Proposed", "Adopted", "Superseded by …": where a plan stands. */
const stage = (plan: { planStatus?: unknown; supersededBy?: unknown; supersededByTitle?: unknown }): string =>
  plan.planStatus === 'superseded'
    ? `Superseded${plan.supersededBy ? ` by ${String(plan.supersededByTitle ?? plan.supersededBy)}` : ''}`
    : plan.planStatus
      ? label(plan.planStatus)
      : 'Not recorded';

export function actionPages(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages/actions', 'actions', 'actions', async (request) => {
    const query = formQuery(request);
    const [summary, tracker, nameOf] = await Promise.all([
      readView(deps.read, 'action-plans/summary', query),
      readView(deps.read, 'action-plans/tracker', query),
      organisationNames(deps.read),
    ]);
    const plans = summary.rows.map((plan) => ({ plan, actions: tracker.rows.filter((r) => r.planId === plan.planId) }));
    return { title: 'Action tracker', query, summary, tracker, plans, statuses: actionStatuses, label, stage, nameOf };
  });

  // As GET /v1/actions/:actionId reads it: the action's stream folded by the same view; the plan's
  // stage and the activities delivering it from the tracker's row for it.
  page(app, '/pages/actions/:actionId', 'action', 'actions', async (request) => {
    const parsed = entityId.safeParse((request.params as { actionId: string }).actionId);
    if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', 'params.actionId is not an id', { issues: [{ path: 'params.actionId', message: 'invalid id' }] });
    const events = await deps.store.readStream(actionStream(parsed.data));
    if (events.length === 0) throw new ApiError(404, 'ACTION_NOT_FOUND', `no action ${parsed.data}`, { actionId: parsed.data });
    const action = actionView(events.map(toLedgerEvent));
    const planId = action.planned?.planId;
    const [tracked, nameOf] = await Promise.all([
      planId ? readView(deps.read, 'action-plans/tracker', { plan: planId }) : Promise.resolve({ rows: [] }),
      organisationNames(deps.read),
    ]);
    const row = tracked.rows.find((r) => r.actionId === parsed.data) ?? null;
    return { title: action.planned?.what ?? parsed.data, actionId: parsed.data, action, row, label, stage, nameOf };
  });
}
