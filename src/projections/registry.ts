// Every read model the ledger keeps: the projections, one per kind of fact, for the runners; and
// the views over them, for the faces (through the read service). A view may read several projections.

import { actions } from './facts/actions.js';
import { activities } from './facts/activities.js';
import { decisions } from './facts/decisions.js';
import { healthCheckCycles, healthCheckSubmissions } from './facts/health-checks.js';
import { plans } from './facts/plans.js';
import { areas, communities, organisations } from './facts/reference.js';
import type { Projection } from './projection.js';
import type { ReadModelView } from './read-model-view.js';
import * as actionTracker from './read-models/action-tracker/index.js';
import * as calendar from './read-models/calendar/index.js';
import * as duplication from './read-models/duplication/index.js';
import * as feedbackLoop from './read-models/feedback-loop/index.js';
import * as healthCheck from './read-models/health-check/index.js';
import * as influence from './read-models/influence/index.js';
import * as lawfulConsultation from './read-models/lawful-consultation/index.js';

export const allProjections: readonly Projection<unknown>[] = [
  organisations,
  areas,
  communities,
  activities,
  decisions,
  plans,
  actions,
  healthCheckCycles,
  healthCheckSubmissions,
] as readonly Projection<unknown>[];

/** Each view is typed by its own filters; the read service handles them generically. */
export const allViews = [influence, feedbackLoop, lawfulConsultation, healthCheck, duplication, actionTracker, calendar].flatMap((m) => m.views as readonly ReadModelView[]);
