import { z } from 'zod';
import { entityId, isoDate, longText, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

export const actionStatuses = ['planned', 'in_progress', 'on_hold', 'completed', 'withdrawn'] as const;
export const actionStatus = z.enum(actionStatuses);
export type ActionStatus = z.infer<typeof actionStatus>;

/** When it is due: a date where the plan gives one, and the plan's own words ("April 2013", "Ongoing"). */
const due = {
  targetDate: isoDate.optional().meta({ description: 'When it is due, where the plan gives a date' }),
  timescale: shortText.optional().meta({ description: 'When it is due in the plan’s own words (“April 2013”, “Ongoing”)' }),
};

/**
 * A plan action, as in Halton's table (what, who, when, how, measure) with Highland's implications and outcomes.
 * v2: the decision it carries out (`decisionId`), the "we did" after "you said"; a v1 action named none.
 */
export const ActionPlanned = defineEvent(
  'ActionPlanned',
  2,
  z.object({
    actionId: entityId,
    organisationId: entityId,
    planId: entityId.meta({ description: 'The plan it belongs to (its id)' }),
    objectiveId: entityId.optional().meta({ description: 'The plan’s objective it serves (its id)' }),
    decisionId: entityId.optional().meta({ description: 'The decision it carries out, if any (its id)' }),
    what: longText.meta({ description: 'What will be done' }),
    /** Who leads it, in the plan's words ("HBC Community Development Team"). */
    lead: shortText.meta({ description: 'Who leads it, in the plan’s words' }),
    leadOrganisationIds: z.array(entityId).max(20).default([]).meta({ title: 'Lead organisations', description: 'The ids of the organisations leading it, one per line' }),
    ...due,
    how: longText.optional().meta({ description: 'How it will be done' }),
    measure: longText.optional().meta({ description: 'How success will be measured' }),
    implications: z
      .object({ risk: longText.optional(), cost: longText.optional(), resource: longText.optional() })
      .optional()
      .meta({ description: 'Its risks, costs and resources, where the plan states them' }),
    expectedOutcome: longText.optional().meta({ description: 'What should change as a result' }),
  }),
);

export const ActionStatusChanged = defineEvent(
  'ActionStatusChanged',
  1,
  z.object({ actionId: entityId, from: actionStatus, to: actionStatus.meta({ title: 'New status' }), reason: reason.optional().meta({ description: 'Why, if worth saying' }) }),
);

export const ActionProgressNoted = defineEvent(
  'ActionProgressNoted',
  1,
  z.object({ actionId: entityId, notedOn: isoDate.meta({ description: 'The day the progress was reported' }), note: longText.meta({ description: 'What has happened' }) }),
);

/** The fields of a retiming; the command reuses them, and the domain insists on a date or a timescale. */
export const actionRetiming = z.object({ actionId: entityId, ...due, reason });

/** "Some of the timescales have been amended to reflect current progress." */
export const ActionRetimed = defineEvent(
  'ActionRetimed',
  1,
  actionRetiming.refine((d) => d.targetDate !== undefined || d.timescale !== undefined, { message: 'give a targetDate or a timescale' }),
);

export const ActionReassigned = defineEvent(
  'ActionReassigned',
  1,
  z.object({ actionId: entityId, lead: shortText, leadOrganisationIds: z.array(entityId).max(20).default([]), reason }),
);

/** The explicit step back from completed or withdrawn; until then such an action takes no progress. */
export const ActionReopened = defineEvent(
  'ActionReopened',
  1,
  z.object({ actionId: entityId, from: z.enum(['completed', 'withdrawn']), reason }),
);

/** A dated milestone on the way to the action's target: "Paper to CPP Board in June 2016". */
export const ActionMilestoneAdded = defineEvent(
  'ActionMilestoneAdded',
  1,
  z.object({ actionId: entityId, milestoneId: entityId, what: shortText, due: isoDate }),
);

export const ActionMilestoneReached = defineEvent(
  'ActionMilestoneReached',
  1,
  z.object({ actionId: entityId, milestoneId: entityId, reachedOn: isoDate }),
);

/** An organisation named as a lead of the action accepted: from now on its officers record against it too. */
export const ActionLeadAccepted = defineEvent('ActionLeadAccepted', 1, z.object({ actionId: entityId, organisationId: entityId }));

export const ActionLeadDeclined = defineEvent('ActionLeadDeclined', 1, z.object({ actionId: entityId, organisationId: entityId, reason: reason.optional() }));
