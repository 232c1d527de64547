import { z } from 'zod';
import { entityId, isoDate, reason, shortText } from '../values.js';
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
  /** A network or group of partners' officers: Inverclyde's Community Engagement Network, Halton's Community Practitioners Forum and operational groups. It has members. */
  'network',
  'other',
] as const;
export const organisationKind = z.enum(organisationKinds);
export type OrganisationKind = z.infer<typeof organisationKind>;

/** v2: the kind may be `network`. A v1 event reads as it is (upcasters.ts). */
export const OrganisationRegistered = defineEvent(
  'OrganisationRegistered',
  2,
  z.object({ organisationId: entityId, name: shortText, kind: organisationKind }),
);

/** An organisation joined a network (Inverclyde's "champions" from each service). */
export const NetworkMemberAdded = defineEvent(
  'NetworkMemberAdded',
  1,
  z.object({
    organisationId: entityId,
    memberId: entityId,
    joinedOn: isoDate.optional(),
    /** What the member is in the network, in its words: "Community Engagement Champion". */
    role: shortText.optional(),
  }),
);

export const NetworkMemberRemoved = defineEvent(
  'NetworkMemberRemoved',
  1,
  z.object({ organisationId: entityId, memberId: entityId, leftOn: isoDate.optional(), reason }),
);

/** The organisation gave way to another the ledger knows (a network re-established under a new name, a merged service); both stay. */
export const OrganisationReplaced = defineEvent(
  'OrganisationReplaced',
  1,
  z.object({ organisationId: entityId, replacedBy: entityId, replacedOn: isoDate.optional(), reason: reason.optional() }),
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
