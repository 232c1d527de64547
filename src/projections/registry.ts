// Every read model the ledger maintains: their projections, for the runners, and their views, for the API.

import * as actionTracker from './read-models/action-tracker/index.js';
import * as calendar from './read-models/calendar/index.js';
import * as duplication from './read-models/duplication/index.js';
import * as feedbackLoop from './read-models/feedback-loop/index.js';
import * as healthCheck from './read-models/health-check/index.js';
import * as influence from './read-models/influence/index.js';
import * as lawfulConsultation from './read-models/lawful-consultation/index.js';
import type { Projection } from './projection.js';
import type { ReadModelView } from './read-model-view.js';

/** Each model is typed by its own documents and filters; runners and routes handle them generically. */
interface ReadModel {
  projection: unknown;
  views: readonly unknown[];
}

const models: readonly ReadModel[] = [influence, feedbackLoop, lawfulConsultation, healthCheck, duplication, actionTracker, calendar];

/** Projections once each, though several read models may share one. */
export const allProjections = [...new Set(models.map((m) => m.projection as Projection<unknown>))];
export const allViews = models.flatMap((m) => m.views as ReadModelView[]);
