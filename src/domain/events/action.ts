import { z } from 'zod';
import { entityId, isoDate, longText, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

export const actionStatuses = ['planned', 'in_progress', 'on_hold', 'completed', 'withdrawn'] as const;
export const actionStatus = z.enum(actionStatuses);
export type ActionStatus = z.infer<typeof actionStatus>;

/** When it is due: a date where the plan gives one, and the plan's own words ("April 2013", "Ongoing"). */
const due = {
  targetDate: isoDate.optional(),
  timescale: shortText.optional(),
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
    planId: entityId,
    objectiveId: entityId.optional(),
    decisionId: entityId.optional(),
    what: longText,
    /** Who leads it, in the plan's words ("HBC Community Development Team"). */
    lead: shortText,
    leadOrganisationIds: z.array(entityId).max(20).default([]),
    ...due,
    how: longText.optional(),
    measure: longText.optional(),
    implications: z.object({ risk: longText.optional(), cost: longText.optional(), resource: longText.optional() }).optional(),
    expectedOutcome: longText.optional(),
  }),
);

export const ActionStatusChanged = defineEvent(
  'ActionStatusChanged',
  1,
  z.object({ actionId: entityId, from: actionStatus, to: actionStatus, reason: reason.optional() }),
);

export const ActionProgressNoted = defineEvent(
  'ActionProgressNoted',
  1,
  z.object({ actionId: entityId, notedOn: isoDate, note: longText }),
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
