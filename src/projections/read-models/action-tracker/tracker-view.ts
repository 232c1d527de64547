// /v1/action-plans/tracker: per plan (and the plan's stage) and objective, each action's status,
// lead, target date and how often it moved, its latest progress note, its milestones, the
// activities that deliver it, and whether it is overdue.

import { z } from 'zod';
import { actionStatus } from '../../../domain/events/action.js';
import { entityId, isoDate } from '../../../domain/values.js';
import { actions } from '../../facts/actions.js';
import { activities } from '../../facts/activities.js';
import { plans } from '../../facts/plans.js';
import { term } from '../../projection.js';
import { defineView } from '../../read-model-view.js';
import { termPlace, walkGroups } from '../paging.js';
import { ledBy, planIdOf, planRows, plansWithActions } from './tracked-rows.js';

export const trackerFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Only actions this organisation recorded or leads (named as lead, and accepted)' }),
  plan: entityId.optional(),
  objective: entityId.optional(),
  decision: entityId.optional().meta({ description: 'Only actions that carry out this decision' }),
  status: actionStatus.optional(),
  asOf: isoDate.optional().meta({ description: 'The day "overdue" is judged on; default today' }),
  overdue: z.stringbool().optional().meta({ description: 'true: only overdue actions; false: only those not overdue' }),
});

export const trackerView = defineView({
  path: '/v1/action-plans/tracker',
  summary: 'Each plan action: status, lead, target date and how often it moved, latest progress, milestones, delivering activities, overdue',
  description:
    'One row per action, by plan (by id) and objective in the plan’s order, with the plan’s title and stage (`planStatus`: draft, proposed, adopted, superseded, with `planSupersededBy`). Overdue: the target date has passed on `asOf` (default today) and the action is neither completed nor withdrawn. Withdrawn actions stay, marked `withdrawn`. An organisation named as lead leads it only once it accepted (`leadOrganisationIds`); until then it is in `invitedLeadIds`. `organisation` matches the organisation that recorded the action or a lead that accepted; `decision` the decision an action carries out, where it names one. Milestones: how many, how many reached, and the next due. `deliveringActivities`: the activities that name the action as the one they deliver (the first 20 in `deliveredBy`).',
  reads: [plans, actions, activities],
  filters: trackerFilters,
  place: termPlace,
  page(reader, filters, { after, limit }) {
    const asOf = filters.asOf ?? reader.today;
    const only = filters.plan === undefined ? undefined : term('plan', filters.plan);
    const groups = only === undefined ? plansWithActions(reader) : async (afterGroup: string | undefined) => (afterGroup === undefined || afterGroup < only ? [only] : []);
    return walkGroups(groups, after, limit, async (group) =>
      (await planRows(reader, planIdOf(group), asOf)).filter(
        (r) =>
          (filters.objective === undefined || r.objectiveId === filters.objective) &&
          (filters.decision === undefined || r.decisionId === filters.decision) &&
          (filters.status === undefined || r.status === filters.status) &&
          (filters.organisation === undefined || ledBy(r, filters.organisation)) &&
          (filters.overdue === undefined || r.overdue === filters.overdue),
      ),
    );
  },
});
