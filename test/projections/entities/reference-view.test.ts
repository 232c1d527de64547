import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { areaView, communityView } from '../../../src/projections/entities/reference-view.js';

describe('area and community views', () => {
  it('an area is its definition', () => {
    const defined: LedgerEvent = { type: 'AreaDefined', data: { areaId: 'grangetown', name: 'Grangetown', kind: 'ward', parentAreaId: 'redcar-cleveland' } };
    expect(areaView([defined])).toEqual({ area: defined.data });
    expect(areaView([])).toEqual({ area: null });
  });

  it('a community of interest is its definition', () => {
    const defined: LedgerEvent = { type: 'CommunityOfInterestDefined', data: { communityId: 'travellers', name: 'Gypsies and Travellers', protectedCharacteristic: 'race', hardToReach: true } };
    expect(communityView([defined])).toEqual({ community: defined.data });
  });
});
