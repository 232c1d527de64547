import { z } from 'zod';
import { entityId, isoDate, lineText, longText, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

export const planKinds = ['strategy', 'action_plan', 'implementation_plan', 'improvement_plan'] as const;

/** Where a plan stands: drafted, put to a body for adoption, adopted, or replaced by another plan. */
export const planStatuses = ['draft', 'proposed', 'adopted', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** What a plan is, whatever its status. */
export const planDetails = {
  planId: entityId,
  organisationId: entityId,
  title: shortText.meta({ description: 'The plan’s title' }),
  kind: z.enum(planKinds).meta({ description: 'What kind of plan it is' }),
  period: z.object({ from: isoDate, to: isoDate }).optional().meta({ description: 'The years it covers' }),
  partnerIds: z.array(entityId).max(100).default([]).meta({ title: 'Partners', description: 'The ids of partner organisations that keep it with yours, one per line' }),
};

/**
 * A strategy or action plan with objectives (Halton's five objectives, Highland's six improvements...)
 * was adopted. It carries the plan's details either way: recorded as adopted from the start, or a
 * draft adopted later (the details are then the draft's), so a reader needs no earlier event.
 */
export const PlanAdopted = defineEvent(
  'PlanAdopted',
  1,
  z.object({
    ...planDetails,
    adoptedBy: shortText.optional().meta({ description: 'The body that adopted it' }),
    adoptedOn: isoDate.meta({ description: 'The day it was adopted' }),
  }),
);

/** A plan in draft: Chester-le-Street's "Draft ... Version 1.1". Nothing in it is adopted yet. */
export const PlanDrafted = defineEvent(
  'PlanDrafted',
  1,
  z.object({
    ...planDetails,
    draftedOn: isoDate,
    /** The draft's own version label, e.g. "Version 1.1". */
    draftVersion: lineText(40).optional(),
  }),
);

/** A draft put to a body for adoption: Highland's plan "drafted for consideration and adoption". */
export const PlanProposed = defineEvent(
  'PlanProposed',
  1,
  z.object({ planId: entityId, proposedOn: isoDate, proposedTo: shortText.optional() }),
);

/** A plan replaced by another one the ledger knows; both stay, the old one marked with what replaced it. */
export const PlanSuperseded = defineEvent(
  'PlanSuperseded',
  1,
  z.object({ planId: entityId, supersededBy: entityId, supersededOn: isoDate, reason: reason.optional() }),
);

/**
 * An item of a plan's resources: Redcar's budget, item by item ("Say £250 X 7: £1,750"), or
 * Inverclyde's "up to £1000 in terms of staff resources". Amounts are whole pence.
 */
export const PlanResourceAdded = defineEvent(
  'PlanResourceAdded',
  1,
  z.object({
    planId: entityId,
    resourceId: entityId,
    item: longText,
    amountPence: z.int().min(0).max(1_000_000_000_000).optional(),
    /** How the plan arrives at the amount, in its words: "Say £250 X 7", "up to". */
    basis: shortText.optional(),
  }),
);

/** A risk the plan names, with what it says is done about it (Halton's risk analysis, 7.1). */
export const PlanRiskIdentified = defineEvent(
  'PlanRiskIdentified',
  1,
  z.object({ planId: entityId, riskId: entityId, risk: longText, mitigation: longText.optional() }),
);

export const ObjectiveAdded = defineEvent(
  'ObjectiveAdded',
  1,
  z.object({
    planId: entityId,
    objectiveId: entityId,
    /** The plan's own numbering: "1", "Aim 3", "Improvement 6". */
    code: lineText(40).meta({ description: 'The plan’s own numbering: “1”, “Aim 3”' }),
    title: shortText,
    description: longText.optional(),
  }),
);

export const ObjectiveAmended = defineEvent(
  'ObjectiveAmended',
  1,
  z.object({ planId: entityId, objectiveId: entityId, title: shortText.optional(), description: longText.optional(), reason }),
);

/** An outcome indicator under an objective (VOiCE indicators 1.1-3.2 in Inverclyde's plan). */
export const OutcomeIndicatorAdded = defineEvent(
  'OutcomeIndicatorAdded',
  1,
  z.object({ planId: entityId, objectiveId: entityId, indicatorId: entityId, code: lineText(40), text: shortText }),
);

/** A partner named by the plan accepted: from now on its officers keep the plan too. */
export const PlanPartnershipAccepted = defineEvent('PlanPartnershipAccepted', 1, z.object({ planId: entityId, organisationId: entityId }));

export const PlanPartnershipDeclined = defineEvent(
  'PlanPartnershipDeclined',
  1,
  z.object({ planId: entityId, organisationId: entityId, reason: reason.optional() }),
);
