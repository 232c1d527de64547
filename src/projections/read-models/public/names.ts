// Names for ids, looked up once per page: organisations, areas and communities of interest as the
// ledger defines them. An id the ledger never defined shows by itself (name null).

import { organisationKey, organisations, areaKey, areas, communityKey, communities } from '../../facts/reference.js';
import type { Reader } from '../../reader.js';

export interface Named {
  id: string;
  name: string | null;
}

export interface Names {
  organisation(id: string): Named;
  area(id: string): Named;
  community(id: string): Named;
}

export async function namesFor(reader: Reader, ids: { organisations?: readonly string[]; areas?: readonly string[]; communities?: readonly string[] }): Promise<Names> {
  const [o, a, c] = await Promise.all([
    reader.get(organisations, (ids.organisations ?? []).map(organisationKey)),
    reader.get(areas, (ids.areas ?? []).map(areaKey)),
    reader.get(communities, (ids.communities ?? []).map(communityKey)),
  ]);
  return {
    organisation: (id) => ({ id, name: o.get(organisationKey(id))?.name ?? null }),
    area: (id) => ({ id, name: a.get(areaKey(id))?.name ?? null }),
    community: (id) => ({ id, name: c.get(communityKey(id))?.name ?? null }),
  };
}
