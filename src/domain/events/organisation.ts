import { z } from 'zod';
import { entityId, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

export const organisationKinds = [
  'council_service',
  'police',
  'fire_and_rescue',
  'health',
  'housing',
  'education',
  'third_sector_interface',
  'voluntary_sector',
  'community_anchor',
  'partnership_body',
  'other',
] as const;
export const organisationKind = z.enum(organisationKinds);

export const OrganisationRegistered = defineEvent(
  'OrganisationRegistered',
  1,
  z.object({ organisationId: entityId, name: shortText, kind: organisationKind }),
);

export const OrganisationRenamed = defineEvent(
  'OrganisationRenamed',
  1,
  z.object({ organisationId: entityId, name: shortText, reason }),
);

/** A geographic community: ward, neighbourhood, locality, district. */
export const AreaDefined = defineEvent(
  'AreaDefined',
  1,
  z.object({
    areaId: entityId,
    name: shortText,
    kind: z.enum(['ward', 'neighbourhood', 'locality', 'district', 'authority', 'other']),
    parentAreaId: entityId.optional(),
  }),
);

/** A community of interest: young people, tenants, disabled people, businesses... */
export const CommunityOfInterestDefined = defineEvent(
  'CommunityOfInterestDefined',
  1,
  z.object({
    communityId: entityId,
    name: shortText,
    /** The protected characteristic it relates to, if any (Equality Act 2010). */
    protectedCharacteristic: z
      .enum(['age', 'disability', 'gender_reassignment', 'marriage_civil_partnership', 'pregnancy_maternity', 'race', 'religion_belief', 'sex', 'sexual_orientation'])
      .optional(),
    hardToReach: z.boolean().default(false),
  }),
);
