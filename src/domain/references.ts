// References must exist: an organisation, area, community of interest, plan, action, decision or
// activity that a command names is one the ledger knows. The aggregates' context builders read
// the named streams' first events (readKnown); decide() then refuses, with a stable code per
// kind, any name the ledger does not know (assertKnown). A 422: the request is well formed, the
// ledger just holds no such thing. Ids in the path that do not exist stay 404s.

import type { StreamReader } from './aggregate.js';
import {
  actionStream,
  activityStream,
  areaStream,
  communityStream,
  decisionStream,
  organisationStream,
  planStream,
} from './aggregates/streams.js';
import { rule } from './errors.js';

const referenceKinds = {
  organisation: { stream: organisationStream, code: 'UNKNOWN_ORGANISATION', noun: 'organisation' },
  area: { stream: areaStream, code: 'UNKNOWN_AREA', noun: 'area' },
  community: { stream: communityStream, code: 'UNKNOWN_COMMUNITY_OF_INTEREST', noun: 'community of interest' },
  plan: { stream: planStream, code: 'UNKNOWN_PLAN', noun: 'plan' },
  action: { stream: actionStream, code: 'UNKNOWN_ACTION', noun: 'action' },
  decision: { stream: decisionStream, code: 'UNKNOWN_DECISION', noun: 'decision' },
  activity: { stream: activityStream, code: 'UNKNOWN_ACTIVITY', noun: 'activity' },
} as const;

export type ReferenceKind = keyof typeof referenceKinds;

/** Ids a command names in one field; undefined ids (optional fields left out) are skipped. */
export interface Reference {
  kind: ReferenceKind;
  field: string;
  ids: Iterable<string | undefined> | undefined;
}

/** Of the ids a command names, those the ledger knows. */
export type Known = Readonly<Partial<Record<ReferenceKind, ReadonlySet<string>>>>;

function unique(ids: Iterable<string | undefined> | undefined): string[] {
  return [...new Set([...(ids ?? [])].filter((id): id is string => id !== undefined))];
}

/** Which of the ids referred to exist: one read of one event per distinct id (every entity's stream starts with its creation). */
export async function readKnown(read: StreamReader, references: readonly Reference[]): Promise<Known> {
  const known: Partial<Record<ReferenceKind, Set<string>>> = {};
  for (const { kind, ids } of references) {
    const found = (known[kind] ??= new Set());
    for (const id of unique(ids)) if (!found.has(id) && (await read(referenceKinds[kind].stream(id), { maxCount: 1 })).length > 0) found.add(id);
  }
  return known;
}

/** Refuse the command at the first reference naming something the ledger does not know. */
export function assertReferences(known: Known, references: readonly Reference[]): void {
  for (const { kind, field, ids } of references) assertKnown(known, kind, field, ids);
}

/** Refuse the command when `field` names an id of `kind` the ledger does not know. */
export function assertKnown(known: Known, kind: ReferenceKind, field: string, ids: Iterable<string | undefined> | undefined): void {
  const { code, noun } = referenceKinds[kind];
  const missing = unique(ids).filter((id) => !known[kind]?.has(id));
  rule(missing.length === 0, code, `${field}: the ledger has no ${noun} ${missing.join(', ')}`, { field, missing });
}
