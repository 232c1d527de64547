// Reading the documents of a projection built from activity facts and names, typed by key prefix.

import type { DocumentSet } from '../../read-model-view.js';
import type { ActivityFacts } from './activity-facts.js';
import type { AreaDefinition, CommunityDefinition, OrganisationName } from './names.js';
import { nameIndex } from './names.js';

export const activitiesIn = (documents: DocumentSet): readonly ActivityFacts[] => documents('activity:') as readonly ActivityFacts[];
export const areasIn = (documents: DocumentSet): readonly AreaDefinition[] => documents('area:') as readonly AreaDefinition[];
export const communitiesIn = (documents: DocumentSet): readonly CommunityDefinition[] => documents('community:') as readonly CommunityDefinition[];

export const organisationNamesIn = (documents: DocumentSet): ((organisationId: string) => string | null) =>
  nameIndex(documents('organisation:') as readonly OrganisationName[], (o) => o.organisationId, (o) => o.name);
