// Health checks: the administrator opens a cycle; each organisation's officers submit its
// self-assessment, and a later submission supersedes the one in force.

import type { FastifyInstance } from 'fastify';
import { healthCheckCycleStream } from '../../domain/aggregates/health-check-cycle.js';
import { healthCheckStream } from '../../domain/aggregates/health-check.js';
import { healthCheckCycleView } from '../../projections/entities/health-check-cycle-view.js';
import { healthCheckSubmissionView } from '../../projections/entities/health-check-submission-view.js';
import { ADMIN } from '../auth.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import type { ReadDeps } from '../deps.js';

export function healthCheckRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps): void {
  const cycle = '/v1/health-check-cycles/:cycleId';
  commandRoute(app, deps, {
    url: '/v1/health-check-cycles',
    command: 'OpenHealthCheckCycle',
    summary: 'Open a health-check cycle',
    creates: createsAt('health-check-cycles', 'cycleId'),
    roles: ADMIN,
  });
  // The organisation is the officer's own, from the credential; read it back at submissions/<organisationId>.
  commandRoute(app, deps, {
    url: `${cycle}/submissions`,
    command: 'SubmitHealthCheck',
    summary: 'Submit your organisation’s self-assessment; a later one names the one it supersedes',
    creates: { idField: 'submissionId' },
  });
  entityRoutes(app, deps.store, { url: cycle, noun: 'health-check cycle', stream: healthCheckCycleStream, view: healthCheckCycleView });
  entityRoutes(app, deps.store, {
    url: `${cycle}/submissions/:organisationId`,
    noun: 'health-check submission',
    stream: healthCheckStream,
    view: healthCheckSubmissionView,
  });
}
