// A VOiCE self-evaluation (Inverclyde): principles and outcomes scored 1-6, recorded once.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import type { DecideContext, Decider } from '../decider.js';
import { assertReferences, readKnown, type Known, type Reference } from '../references.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { VoiceEvaluationRecorded, voicePrinciples, voiceScore } from '../events/voice.js';
import { assertEachOnce, assertOnScale } from './scoring.js';
import { voiceStream } from './streams.js';

const eventShape = VoiceEvaluationRecorded.schema.shape;

/** As the event, but loose where the domain's rules give a coded refusal: scores and the count of principles. */
export const voiceCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RecordVoiceEvaluation'),
    data: VoiceEvaluationRecorded.schema.omit({ organisationId: true }).extend({
      principles: z.array(eventShape.principles.element.extend({ score: z.number() })).max(20),
      outcomes: z.array(eventShape.outcomes.element.extend({ score: z.number() })).max(50),
      overall: z.number(),
    }),
  }),
]);
export type VoiceCommand = z.output<typeof voiceCommand>;

export interface VoiceState {
  recorded: boolean;
}

const OUT_OF_RANGE = 'VOICE_SCORE_OUT_OF_RANGE';

function assertScores({ principles, outcomes, overall }: VoiceCommand['data']): void {
  for (const { principle, score } of principles) assertOnScale(voiceScore, score, OUT_OF_RANGE, { scored: 'principle', principle });
  outcomes.forEach(({ score }, index) => assertOnScale(voiceScore, score, OUT_OF_RANGE, { scored: 'outcome', index }));
  assertOnScale(voiceScore, overall, OUT_OF_RANGE, { scored: 'overall' });
}

/** Whether the plan and activity an evaluation names exist. */
export interface VoiceContext extends DecideContext {
  known: Known;
}

function referencesOf({ data }: VoiceCommand): Reference[] {
  return [
    { kind: 'plan', field: 'planId', ids: [data.planId] },
    { kind: 'activity', field: 'activityId', ids: [data.activityId] },
  ];
}

function decide(command: VoiceCommand, state: VoiceState, { actor, known }: VoiceContext): EventOfType<'VoiceEvaluationRecorded'>[] {
  const organisationId = assertMayRecord(actor);
  const { evaluationId, principles } = command.data;
  rule(!state.recorded, 'VOICE_EVALUATION_ALREADY_RECORDED', `evaluation ${evaluationId} is already recorded`, { evaluationId });
  assertEachOnce(
    principles.map((p) => p.principle),
    voicePrinciples,
    'VOICE_PRINCIPLES_INCOMPLETE',
    'VOiCE principle',
  );
  assertScores(command.data);
  assertReferences(known, referencesOf(command));
  return [{ type: 'VoiceEvaluationRecorded', data: { ...command.data, organisationId } }];
}

function evolve(state: VoiceState, event: LedgerEvent): VoiceState {
  return event.type === 'VoiceEvaluationRecorded' ? { recorded: true } : state;
}

export const voiceDecider: Decider<VoiceCommand, LedgerEvent, VoiceState, VoiceContext> = { initialState: { recorded: false }, decide, evolve };

export const voice = defineAggregate({
  name: 'voice',
  commandSchema: voiceCommand,
  decider: voiceDecider,
  streamId: (command) => voiceStream(command.data.evaluationId),
  context: async (command, actor, read) => ({ actor, known: await readKnown(read, referencesOf(command)) }),
});

export { voiceStream };
