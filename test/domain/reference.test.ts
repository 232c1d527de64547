import { describe, expect, it } from 'vitest';
import { area, community } from '../../src/domain/aggregates/reference.js';
import type { EventData } from '../../src/domain/events/catalogue.js';
import { admin, auditor, given, knowsEverything, officer } from './given.js';

const asAdmin = { known: knowsEverything, actor: admin };
const ward: EventData<'AreaDefined'> = { areaId: 'halton-castlefields', name: 'Halton Castlefields', kind: 'ward', parentAreaId: 'halton' };
const youngPeople: EventData<'CommunityOfInterestDefined'> = { communityId: 'young-people', name: 'Young people', protectedCharacteristic: 'age', hardToReach: true };

describe('areas and communities of interest', () => {
  it('an administrator defines an area, once', () => {
    given(area.decider).when({ type: 'DefineArea', data: ward }, asAdmin).thenEmits([{ type: 'AreaDefined', data: ward }]);
    given(area.decider, [{ type: 'AreaDefined', data: ward }]).when({ type: 'DefineArea', data: ward }, asAdmin).thenRefusedWith('AREA_ALREADY_DEFINED');
  });

  it('an administrator defines a community of interest, once', () => {
    const command = { type: 'DefineCommunityOfInterest' as const, data: youngPeople };
    given(community.decider).when(command, asAdmin).thenEmits([{ type: 'CommunityOfInterestDefined', data: youngPeople }]);
    given(community.decider, [{ type: 'CommunityOfInterestDefined', data: youngPeople }]).when(command, asAdmin).thenRefusedWith('COMMUNITY_OF_INTEREST_ALREADY_DEFINED');
  });

  it('an officer or an auditor cannot define reference data', () => {
    given(area.decider).when({ type: 'DefineArea', data: ward }, { known: knowsEverything, actor: officer() }).thenRefusedWith('ADMIN_ONLY');
    given(community.decider).when({ type: 'DefineCommunityOfInterest', data: youngPeople }, { known: knowsEverything, actor: auditor }).thenRefusedWith('ADMIN_ONLY');
  });

  it('names each stream for its entity', () => {
    expect(area.streamId({ type: 'DefineArea', data: ward }, admin)).toBe('area-halton-castlefields');
    expect(community.streamId({ type: 'DefineCommunityOfInterest', data: youngPeople }, admin)).toBe('community-young-people');
  });
});
