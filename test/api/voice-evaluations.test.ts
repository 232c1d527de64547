import { describe, expect, it } from 'vitest';
import { voiceEvaluation } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const inverclyde = await ledger.tokenFor('officer', 'inverclyde-council');

const record = (body: unknown, token = inverclyde) => ledger.call('POST', '/v1/voice-evaluations', { token, body });

describe('VOiCE evaluations over HTTP', () => {
  it('records an evaluation for the officer’s organisation and reads it back', async () => {
    const id = await create(ledger, inverclyde, '/v1/voice-evaluations', voiceEvaluation());
    const state = await stateOf(ledger, await ledger.tokenFor('scrutiny'), `/v1/voice-evaluations/${id}`);
    expect(state.recorded).toMatchObject({ evaluationId: id, organisationId: 'inverclyde-council', overall: 4 });
    expect(state.recorded.principles).toHaveLength(5);
    expect(await eventTypes(ledger, inverclyde, `/v1/voice-evaluations/${id}`)).toEqual(['VoiceEvaluationRecorded']);
  });

  it('records an evaluation once', async () => {
    await create(ledger, inverclyde, '/v1/voice-evaluations', voiceEvaluation({ evaluationId: 'inverclyde-2011' }));
    expectRefused(await record(voiceEvaluation({ evaluationId: 'inverclyde-2011' })), 422, 'VOICE_EVALUATION_ALREADY_RECORDED');
  });

  it('refuses a score off the 1-6 scale and a missing principle, by the rule’s code', async () => {
    expectRefused(await record(voiceEvaluation({ overall: 7 })), 422, 'VOICE_SCORE_OUT_OF_RANGE');
    expectRefused(await record(voiceEvaluation({ principles: [{ principle: 'needs_led', score: 4 }] })), 422, 'VOICE_PRINCIPLES_INCOMPLETE');
  });

  it('names the fields of a malformed evaluation', async () => {
    const reply = await record(voiceEvaluation({ evaluatedOn: 'March', principles: [{ principle: 'vibes', score: 4 }] }));
    expect(issuePaths(reply)).toEqual(expect.arrayContaining(['body.evaluatedOn', 'body.principles.0.principle']));
  });

  it('is an officer’s to record: 403 for an auditor, 404 for an evaluation that does not exist', async () => {
    expectRefused(await record(voiceEvaluation(), await ledger.tokenFor('auditor')), 403, 'ROLE_NOT_ALLOWED');
    expectRefused(await ledger.call('GET', '/v1/voice-evaluations/nowhere', { token: inverclyde }), 404, 'VOICE_EVALUATION_NOT_FOUND');
  });
});
