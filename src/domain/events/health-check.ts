import { z } from 'zod';
import { engagementCategory, entityId, isoDate, shortText } from '../values.js';
import { defineEvent } from './define.js';

/** Halton's five dimensions, each scored 1 (poor performing) to 4 (high performing). */
export const healthCheckDimensions = ['planning', 'partnership', 'breadth', 'depth', 'taking_action'] as const;
export type HealthCheckDimension = (typeof healthCheckDimensions)[number];

export const healthCheckScore = z.int().min(1).max(4);

/** Depth is absent for information giving: one-way communication has no depth to score. */
const scores = z.object({
  planning: healthCheckScore,
  partnership: healthCheckScore,
  breadth: healthCheckScore,
  depth: healthCheckScore.optional(),
  taking_action: healthCheckScore,
});

/** One of the two example activities from the past 12 months: a ledger activity, or words where it is not recorded. */
export const healthCheckExample = z
  .object({
    activityId: entityId.optional().meta({ description: 'The activity, if it is in the ledger (its id)' }),
    description: shortText.optional().meta({ description: 'Or what it was, in a line' }),
  })
  .refine((e) => e.activityId !== undefined || e.description !== undefined, { message: 'give an activityId or a description' });

/** "Two example activities from the past 12 months" per category. */
export const healthCheckExamplesPerCategory = 2;

export const healthCheckCategoryAssessment = z.object({
  category: engagementCategory,
  examples: z.array(healthCheckExample).max(healthCheckExamplesPerCategory),
  scores,
});

export const HealthCheckCycleOpened = defineEvent(
  'HealthCheckCycleOpened',
  1,
  z.object({ cycleId: entityId, name: shortText, opensOn: isoDate, dueBy: isoDate }),
);

/** One organisation's self-assessment for a cycle. A later one supersedes it; both stay in the ledger. */
export const HealthCheckSubmitted = defineEvent(
  'HealthCheckSubmitted',
  1,
  z.object({
    cycleId: entityId,
    organisationId: entityId,
    submissionId: entityId,
    submittedOn: isoDate.meta({ description: 'The day it was submitted' }),
    supersedes: entityId.optional().meta({ description: 'The submission it replaces, if any (its id)' }),
    assessments: z.array(healthCheckCategoryAssessment).length(4),
  }),
);
