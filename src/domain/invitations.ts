// Naming another organisation as a joint partner of an activity, a partner of a plan or a lead
// of an action is an invitation: until that organisation's officer accepts it, the organisation
// gains no right to record against the record, and read models do not count the record in its
// figures. Its officer may also decline. Both answers are events on the record's own stream.

import type { Actor } from './actor.js';
import { assertMayRecord } from './authority.js';
import { rule } from './errors.js';

export const invitationStatuses = ['invited', 'accepted', 'declined'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** Organisation -> where its invitation stands, in the order the organisations were named. */
export type Invitations = ReadonlyMap<string, InvitationStatus>;

export const noInvitations: Invitations = new Map();

/**
 * The invitations once a record names `named`: an organisation named for the first time is
 * invited, one still named keeps its answer, one no longer named is dropped (named again later,
 * it is invited afresh). The record's own organisation is never its own invitee.
 */
export function invite(current: Invitations, named: readonly string[], owner: string): Invitations {
  return new Map(named.filter((id) => id !== owner).map((id) => [id, current.get(id) ?? 'invited'] as const));
}

export function answer(current: Invitations, organisationId: string, status: 'accepted' | 'declined'): Invitations {
  return new Map(current).set(organisationId, status);
}

/** The organisations that accepted: the only ones that share the record. */
export function acceptedOf(invitations: Invitations): string[] {
  return [...invitations].filter(([, status]) => status === 'accepted').map(([id]) => id);
}

/** An invitation as the entity views show it. */
export interface Invitee {
  organisationId: string;
  status: InvitationStatus;
}

/** As the entity views show them: each organisation named and where its invitation stands. */
export function listed(invitations: Invitations): Invitee[] {
  return [...invitations].map(([organisationId, status]) => ({ organisationId, status }));
}

/** Back from the views' list. */
export function fromListed(invitees: readonly Invitee[]): Invitations {
  return new Map(invitees.map((i) => [i.organisationId, i.status]));
}

/** The views' list after an acceptance (or a decline). */
export function answerListed(invitees: readonly Invitee[], organisationId: string, accepted: boolean): Invitee[] {
  return listed(answer(fromListed(invitees), organisationId, accepted ? 'accepted' : 'declined'));
}

/**
 * An officer answers an invitation to their own organisation, once. Returns that organisation.
 * `record` names the record for messages ("activity rc-joint-workshop").
 */
export function assertMayAnswer(actor: Actor, invitations: Invitations, record: string): string {
  const organisationId = assertMayRecord(actor);
  const status = invitations.get(organisationId);
  rule(status !== undefined, 'NOT_INVITED', `${record} does not name ${organisationId}`, { organisationId });
  rule(status === 'invited', 'INVITATION_ALREADY_ANSWERED', `${organisationId} has already ${status} ${record}`, { organisationId, status });
  return organisationId;
}
