// A VOiCE self-evaluation is recorded once and never changes: the view is the record.

import { recordedOnce } from './recorded-once.js';

export const { evolve: evolveVoiceEvaluationView, view: voiceEvaluationView } = recordedOnce('VoiceEvaluationRecorded', 'recorded');
