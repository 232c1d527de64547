import { z } from 'zod';
import { entityId, isoDate, longText } from '../values.js';
import { defineEvent } from './define.js';

/** The five VOiCE principles an engagement process is scored against (Inverclyde, Appendix 1). */
export const voicePrinciples = [
  'needs_led',
  'building_on_capacity',
  'change_and_outcome_focused',
  'participatory_and_partnership',
  'continuous_learning',
] as const;

export const voiceScore = z.int().min(1).max(6);

/** A VOiCE self-evaluation: principles and outcomes scored 1 (very poor) to 6 (excellent), with evidence. */
export const VoiceEvaluationRecorded = defineEvent(
  'VoiceEvaluationRecorded',
  1,
  z.object({
    evaluationId: entityId,
    organisationId: entityId,
    evaluatedOn: isoDate.meta({ description: 'The day of the evaluation' }),
    planId: entityId.optional().meta({ description: 'The plan evaluated, if any (its id)' }),
    activityId: entityId.optional().meta({ description: 'The activity evaluated, if any (its id)' }),
    principles: z.array(z.object({ principle: z.enum(voicePrinciples), score: voiceScore, comment: longText.optional() })).length(5),
    outcomes: z.array(z.object({ outcome: longText, evidence: longText.optional(), score: voiceScore })).max(50),
    overall: voiceScore.meta({ description: 'From 1 (very poor) to 6 (excellent)' }),
    lessons: longText.optional().meta({ description: 'What was learnt' }),
    nextSteps: longText.optional().meta({ description: 'What will be done next' }),
  }),
);
