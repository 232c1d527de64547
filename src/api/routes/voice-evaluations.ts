// VOiCE self-evaluations: an engagement process scored against the VOiCE principles, recorded once.

import type { FastifyInstance } from 'fastify';
import { voiceStream } from '../../domain/aggregates/voice.js';
import { voiceEvaluationView } from '../../projections/entities/voice-view.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function voiceEvaluationRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  commandRoute(app, deps, {
    url: '/v1/voice-evaluations',
    command: 'RecordVoiceEvaluation',
    summary: 'Record a VOiCE self-evaluation: principles and outcomes scored 1-6',
    creates: createsAt('voice-evaluations', 'evaluationId'),
  });
  entityRoutes(app, deps.store, { url: '/v1/voice-evaluations/:evaluationId', noun: 'VOiCE evaluation', stream: voiceStream, view: voiceEvaluationView });
}
