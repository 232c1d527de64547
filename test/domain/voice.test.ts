import { describe, expect, it } from 'vitest';
import { voice, voiceDecider, type VoiceCommand } from '../../src/domain/aggregates/voice.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { voicePrinciples } from '../../src/domain/events/voice.js';
import { auditor, given, knowsEverything, officer } from './given.js';

type Evaluation = VoiceCommand['data'];

// Inverclyde's implementation plan, scored against the VOiCE principles.
const inverclyde = { known: knowsEverything, actor: officer('inverclyde-council') };
const evaluation = (extra: Partial<Evaluation> = {}): Evaluation => ({
  evaluationId: 'inverclyde-cp-2010',
  evaluatedOn: '2010-03-31',
  planId: 'inverclyde-implementation-plan',
  principles: voicePrinciples.map((principle) => ({ principle, score: 4 })),
  outcomes: [{ outcome: 'Communities are better informed about services', evidence: 'Citizens’ panel wave 3', score: 4 }],
  overall: 4,
  ...extra,
});
const record = (extra: Partial<Evaluation> = {}): VoiceCommand => ({ type: 'RecordVoiceEvaluation', data: evaluation(extra) });
const recorded: LedgerEvent = { type: 'VoiceEvaluationRecorded', data: { ...evaluation(), organisationId: 'inverclyde-council' } };

describe('VOiCE evaluation', () => {
  it('records an evaluation for the officer’s organisation', () => {
    given(voiceDecider).when(record(), inverclyde).thenEmits([recorded]);
  });

  it('refuses to record the same evaluation twice', () => {
    given(voiceDecider, [recorded]).when(record(), inverclyde).thenRefusedWith('VOICE_EVALUATION_ALREADY_RECORDED');
  });

  it.each([
    ['principle', { principles: voicePrinciples.map((principle, i) => ({ principle, score: i === 0 ? 7 : 4 })) }],
    ['outcome', { outcomes: [{ outcome: 'Better informed', score: 0 }] }],
    ['overall', { overall: 4.5 }],
  ])('refuses %s scored outside 1-6 or not whole', (scored, extra: Partial<Evaluation>) => {
    const refusal = given(voiceDecider).when(record(extra), inverclyde).thenRefusedWith('VOICE_SCORE_OUT_OF_RANGE');
    expect(refusal.details).toMatchObject({ scored });
  });

  it('refuses an evaluation missing a principle', () => {
    given(voiceDecider)
      .when(record({ principles: voicePrinciples.slice(1).map((principle) => ({ principle, score: 4 })) }), inverclyde)
      .thenRefusedWith('VOICE_PRINCIPLES_INCOMPLETE');
  });

  it('refuses a principle scored twice', () => {
    const principles = [...voicePrinciples, 'needs_led' as const].map((principle) => ({ principle, score: 4 }));
    const refusal = given(voiceDecider).when(record({ principles }), inverclyde).thenRefusedWith('VOICE_PRINCIPLES_INCOMPLETE');
    expect(refusal.details).toMatchObject({ missing: [], repeated: ['needs_led'] });
  });

  it('an auditor cannot record', () => {
    given(voiceDecider).when(record(), { known: knowsEverything, actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
  });

  it('names the stream for the evaluation', () => {
    expect(voice.streamId(record(), inverclyde.actor)).toBe('voice-inverclyde-cp-2010');
  });
});
