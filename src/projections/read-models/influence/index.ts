import { influenceActivitiesView } from './activities-view.js';
import { influenceDecisionsView } from './decisions-view.js';
import { influenceOrganisationsView } from './organisations-view.js';

export const views = [influenceDecisionsView, influenceActivitiesView, influenceOrganisationsView] as const;

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
