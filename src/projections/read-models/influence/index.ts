import { influenceActivitiesView } from './activities-view.js';
import { influenceDecisionsView } from './decisions-view.js';
import { influenceOrganisationsView } from './organisations-view.js';
import { engagement } from '../shared/engagement.js';

// Reads the shared engagement facts, kept once for the three read models that need them.
export const projection = engagement;
export const views = [influenceDecisionsView, influenceActivitiesView, influenceOrganisationsView] as const;
