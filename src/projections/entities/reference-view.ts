// Areas and communities of interest are defined once and never change: the view is the definition.

import { recordedOnce } from './recorded-once.js';

export const { evolve: evolveAreaView, view: areaView } = recordedOnce('AreaDefined', 'area');
export const { evolve: evolveCommunityView, view: communityView } = recordedOnce('CommunityOfInterestDefined', 'community');
