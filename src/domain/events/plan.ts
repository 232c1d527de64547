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
    title: shortText,
    kind: z.enum(['strategy', 'action_plan', 'implementation_plan', 'improvement_plan']),
    adoptedBy: shortText.optional(),
    adoptedOn: isoDate,
    period: z.object({ from: isoDate, to: isoDate }).optional(),
    partnerIds: z.array(entityId).max(100).default([]),
  }),
);

export const ObjectiveAdded = defineEvent(
  'ObjectiveAdded',
  1,
  z.object({
    planId: entityId,
    objectiveId: entityId,
    /** The plan's own numbering: "1", "Aim 3", "Improvement 6". */
    code: z.string().trim().min(1).max(40),
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
