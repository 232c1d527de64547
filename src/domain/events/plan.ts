import { z } from 'zod';
import { entityId, isoDate, longText, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

/** A strategy or action plan with objectives (Halton's five objectives, Highland's six improvements...). */
export const PlanAdopted = defineEvent(
  'PlanAdopted',
  1,
  z.object({
    planId: entityId,
    organisationId: entityId,
    title: shortText.meta({ description: 'The plan’s title' }),
    kind: z.enum(['strategy', 'action_plan', 'implementation_plan', 'improvement_plan']).meta({ description: 'What kind of plan it is' }),
    adoptedBy: shortText.optional().meta({ description: 'The body that adopted it' }),
    adoptedOn: isoDate.meta({ description: 'The day it was adopted' }),
    period: z.object({ from: isoDate, to: isoDate }).optional().meta({ description: 'The years it covers' }),
    partnerIds: z.array(entityId).max(100).default([]).meta({ title: 'Partners', description: 'The ids of partner organisations that keep it with yours, one per line' }),
  }),
);

export const ObjectiveAdded = defineEvent(
  'ObjectiveAdded',
  1,
  z.object({
    planId: entityId,
    objectiveId: entityId,
    /** The plan's own numbering: "1", "Aim 3", "Improvement 6". */
    code: z.string().trim().min(1).max(40).meta({ description: 'The plan’s own numbering: “1”, “Aim 3”' }),
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
  z.object({ planId: entityId, objectiveId: entityId, indicatorId: entityId, code: z.string().trim().min(1).max(40), text: shortText }),
);
