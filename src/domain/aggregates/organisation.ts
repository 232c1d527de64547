// A partner organisation: reference data the partnership's administrator keeps. A network
// (a forum, an operational group) has members; an organisation may be replaced by another.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayManageReferenceData } from '../authority.js';
import { fold, ownEvents, unreachable, type DecideContext, type Decider } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import {
  NetworkMemberAdded,
  NetworkMemberRemoved,
  OrganisationRegistered,
  OrganisationRenamed,
  OrganisationReplaced,
  type OrganisationKind,
} from '../events/organisation.js';
import { organisationStream } from './streams.js';

export const organisationCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterOrganisation'), data: OrganisationRegistered.schema }),
  z.object({ type: z.literal('RenameOrganisation'), data: OrganisationRenamed.schema }),
  z.object({ type: z.literal('AddNetworkMember'), data: NetworkMemberAdded.schema }),
  z.object({ type: z.literal('RemoveNetworkMember'), data: NetworkMemberRemoved.schema }),
  z.object({ type: z.literal('ReplaceOrganisation'), data: OrganisationReplaced.schema }),
]);
export type OrganisationCommand = z.output<typeof organisationCommand>;

const organisationEventTypes = ['OrganisationRegistered', 'OrganisationRenamed', 'NetworkMemberAdded', 'NetworkMemberRemoved', 'OrganisationReplaced'] as const;
type OrganisationEvent = EventOfType<(typeof organisationEventTypes)[number]>;
const isOrganisationEvent = ownEvents(organisationEventTypes);

export interface OrganisationState {
  registered: boolean;
  kind: OrganisationKind | null;
  members: ReadonlySet<string>;
  replacedBy: string | null;
}

export const initialOrganisationState: OrganisationState = { registered: false, kind: null, members: new Set(), replacedBy: null };

/** The other organisation a command names (a new member, a replacement), read from its own stream. */
export interface OrganisationContext extends DecideContext {
  other?: OrganisationState;
}

/** The organisation a command names besides its own, if any. */
function otherNamed(command: OrganisationCommand): { id: string; field: string } | null {
  if (command.type === 'AddNetworkMember') return { id: command.data.memberId, field: 'memberId' };
  if (command.type === 'ReplaceOrganisation') return { id: command.data.replacedBy, field: 'replacedBy' };
  return null;
}

function assertOtherKnown(command: OrganisationCommand, other: OrganisationState | undefined): void {
  const named = otherNamed(command);
  if (!named) return;
  rule(named.id !== command.data.organisationId, 'ORGANISATION_NAMES_ITSELF', `organisation ${named.id} cannot be its own ${named.field}`, { field: named.field });
  rule(other?.registered === true, 'UNKNOWN_ORGANISATION', `organisation ${named.id} is not registered`, { field: named.field, missing: [named.id] });
}

function decide(command: OrganisationCommand, state: OrganisationState, { actor, other }: OrganisationContext): OrganisationEvent[] {
  assertMayManageReferenceData(actor);
  const { organisationId } = command.data;
  if (command.type === 'RegisterOrganisation') {
    rule(!state.registered, 'ORGANISATION_ALREADY_REGISTERED', `organisation ${organisationId} is already registered`, { organisationId });
    return [{ type: 'OrganisationRegistered', data: command.data }];
  }
  rule(state.registered, 'ORGANISATION_NOT_FOUND', `organisation ${organisationId} is not registered`, { organisationId });
  assertOtherKnown(command, other);
  switch (command.type) {
    case 'RenameOrganisation':
      return [{ type: 'OrganisationRenamed', data: command.data }];
    case 'AddNetworkMember': {
      const { memberId } = command.data;
      rule(state.kind === 'network', 'ORGANISATION_NOT_A_NETWORK', `organisation ${organisationId} is a ${state.kind}, not a network`, { organisationId, kind: state.kind });
      rule(!state.members.has(memberId), 'NETWORK_MEMBER_ALREADY_ADDED', `${memberId} is already a member of ${organisationId}`, { organisationId, memberId });
      return [{ type: 'NetworkMemberAdded', data: command.data }];
    }
    case 'RemoveNetworkMember': {
      const { memberId } = command.data;
      rule(state.members.has(memberId), 'NETWORK_MEMBER_NOT_FOUND', `${memberId} is not a member of ${organisationId}`, { organisationId, memberId });
      return [{ type: 'NetworkMemberRemoved', data: command.data }];
    }
    case 'ReplaceOrganisation':
      rule(state.replacedBy === null, 'ORGANISATION_ALREADY_REPLACED', `organisation ${organisationId} was replaced by ${state.replacedBy}`, {
        organisationId,
        replacedBy: state.replacedBy,
      });
      return [{ type: 'OrganisationReplaced', data: command.data }];
    default:
      return unreachable(command);
  }
}

function evolve(state: OrganisationState, event: LedgerEvent): OrganisationState {
  if (!isOrganisationEvent(event)) return state;
  switch (event.type) {
    case 'OrganisationRegistered':
      return { ...state, registered: true, kind: event.data.kind };
    case 'OrganisationRenamed':
      return state;
    case 'NetworkMemberAdded':
      return { ...state, members: new Set(state.members).add(event.data.memberId) };
    case 'NetworkMemberRemoved': {
      const members = new Set(state.members);
      members.delete(event.data.memberId);
      return { ...state, members };
    }
    case 'OrganisationReplaced':
      return { ...state, replacedBy: event.data.replacedBy };
    default:
      return unreachable(event);
  }
}

export const organisationDecider: Decider<OrganisationCommand, LedgerEvent, OrganisationState, OrganisationContext> = {
  initialState: initialOrganisationState,
  decide,
  evolve,
};

export const organisation = defineAggregate({
  name: 'organisation',
  commandSchema: organisationCommand,
  decider: organisationDecider,
  streamId: (command) => organisationStream(command.data.organisationId),
  async context(command, actor, read): Promise<OrganisationContext> {
    const named = otherNamed(command);
    return named ? { actor, other: fold(organisationDecider, await read(organisationStream(named.id))) } : { actor };
  },
});

export { organisationStream };
