// The calendar's documents: each activity's facts (`activity:<id>`) and organisation names
// (`organisation:<id>`), built by the same reducers as the duplication report's.

import { activityFacts, type ActivityFacts } from '../duplication/activity-facts.js';
import { factsProjection } from '../duplication/facts.js';
import { organisationNames, type OrganisationName } from '../duplication/names.js';

export type CalendarDocument = ActivityFacts | OrganisationName;

export const projection = factsProjection<CalendarDocument>('calendar', 1, [activityFacts, organisationNames]);
