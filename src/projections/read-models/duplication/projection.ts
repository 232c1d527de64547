// The duplication report's documents: each activity's facts (`activity:<id>`), and the
// organisations, areas and communities of interest the ledger defines (`organisation:`,
// `area:`, `community:`), so an area nobody consulted is still there to be seen.

import { activityFacts, type ActivityFacts } from './activity-facts.js';
import { factsProjection } from './facts.js';
import { areaDefinitions, communityDefinitions, organisationNames, type AreaDefinition, type CommunityDefinition, type OrganisationName } from './names.js';

export type DuplicationDocument = ActivityFacts | OrganisationName | AreaDefinition | CommunityDefinition;

export const projection = factsProjection<DuplicationDocument>('duplication', 1, [activityFacts, organisationNames, areaDefinitions, communityDefinitions]);
