// The health check's facts, each kind its own projection: the cycles opened (`cycle:<id>`), and
// each organisation's submissions to a cycle (`submission:<cycle>.<organisation>`), the one in
// force and the superseded ones kept beside it, by the same reducer as the submission's page.

import type { EventData } from '../../domain/events/catalogue.js';
import { emptyHealthCheckSubmissionView, evolveHealthCheckSubmissionView, type HealthCheckSubmissionView } from '../entities/health-check-submission-view.js';
import { defineProjection, term } from '../projection.js';

export type CycleFacts = EventData<'HealthCheckCycleOpened'>;

export const cycleKey = (cycleId: string): string => `cycle:${cycleId}`;
/** "." cannot occur in an id, so no two (cycle, organisation) pairs share a key. */
export const submissionKey = (cycleId: string, organisationId: string): string => `submission:${cycleId}.${organisationId}`;

export const healthCheckCycles = defineProjection<CycleFacts, 'HealthCheckCycleOpened'>({
  name: 'health-check-cycles',
  version: 1,
  eventTypes: ['HealthCheckCycleOpened'],
  key: (event) => cycleKey(event.data.cycleId),
  evolve: (_row, event) => event.data,
  // Oldest first, as a panel reads them.
  index: (cycle) => [['all', cycle.opensOn]],
});

export const healthCheckSubmissions = defineProjection<HealthCheckSubmissionView, 'HealthCheckSubmitted'>({
  name: 'health-check-submissions',
  version: 1,
  eventTypes: ['HealthCheckSubmitted'],
  key: (event) => submissionKey(event.data.cycleId, event.data.organisationId),
  evolve: (row, event) => evolveHealthCheckSubmissionView(row ?? emptyHealthCheckSubmissionView, event),
  // Each cycle's submissions in force, by organisation.
  index: (row) => (row.current ? [[term('cycle', row.current.cycleId), row.current.organisationId]] : []),
});
