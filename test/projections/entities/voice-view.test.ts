import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { voiceEvaluationView } from '../../../src/projections/entities/voice-view.js';

describe('VOiCE evaluation view', () => {
  it('is the evaluation as recorded', () => {
    const recorded: LedgerEvent = {
      type: 'VoiceEvaluationRecorded',
      data: {
        evaluationId: 'inverclyde-2011',
        organisationId: 'inverclyde-council',
        evaluatedOn: '2011-03-31',
        principles: [],
        outcomes: [],
        overall: 4,
      },
    };
    expect(voiceEvaluationView([recorded])).toEqual({ recorded: recorded.data });
    expect(voiceEvaluationView([])).toEqual({ recorded: null });
  });
});
