// The public site's read models: views over the activities, decisions, actions and reference
// projections, showing only what is published, counts of people only through suppression. Built
// for a deployment's settings (threshold, outcome due days, Gunning minimums), read through a read
// service of their own (the public face's), so none of them is an API route.

import type { ReadModelView } from '../../read-model-view.js';
import { consultationView } from './consultation-view.js';
import { consultationsView } from './consultations-view.js';
import { decisionsView, decisionView } from './decisions-view.js';
import { evidenceView } from './evidence-view.js';
import { organisationView } from './organisation-view.js';
import { areaView, communityView } from './places-view.js';
import { defaultPublicSettings, type PublicSettings } from './settings.js';

export type { PublicSettings };
export { defaultPublicSettings };

export function publicViews(settings: PublicSettings = defaultPublicSettings): readonly ReadModelView[] {
  return [
    consultationsView(settings),
    consultationView(settings),
    decisionsView(),
    decisionView(settings),
    areaView(settings),
    communityView(settings),
    organisationView(settings),
    evidenceView(),
  ] as unknown as readonly ReadModelView[];
}
