// A partner organisation: reference data the partnership's administrator keeps.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayManageReferenceData } from '../authority.js';
import type { DecideContext, Decider } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { OrganisationRegistered, OrganisationRenamed } from '../events/organisation.js';

export const organisationCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RegisterOrganisation'), data: OrganisationRegistered.schema }),
  z.object({ type: z.literal('RenameOrganisation'), data: OrganisationRenamed.schema }),
]);
export type OrganisationCommand = z.output<typeof organisationCommand>;

type OrganisationEvent = EventOfType<'OrganisationRegistered' | 'OrganisationRenamed'>;

export interface OrganisationState {
  registered: boolean;
}

function decide(command: OrganisationCommand, state: OrganisationState, { actor }: DecideContext): OrganisationEvent[] {
  assertMayManageReferenceData(actor);
  const { organisationId } = command.data;
  switch (command.type) {
    case 'RegisterOrganisation':
      rule(!state.registered, 'ORGANISATION_ALREADY_REGISTERED', `organisation ${organisationId} is already registered`, { organisationId });
      return [{ type: 'OrganisationRegistered', data: command.data }];
    case 'RenameOrganisation':
      rule(state.registered, 'ORGANISATION_NOT_FOUND', `organisation ${organisationId} is not registered`, { organisationId });
      return [{ type: 'OrganisationRenamed', data: command.data }];
  }
}

function evolve(state: OrganisationState, event: LedgerEvent): OrganisationState {
  return event.type === 'OrganisationRegistered' ? { registered: true } : state;
}

export const organisationDecider: Decider<OrganisationCommand, LedgerEvent, OrganisationState> = {
  initialState: { registered: false },
  decide,
  evolve,
};

export const organisationStream = (organisationId: string): string => `organisation-${organisationId}`;

export const organisation = defineAggregate({
  name: 'organisation',
  commandSchema: organisationCommand,
  decider: organisationDecider,
  streamId: (command) => organisationStream(command.data.organisationId),
});
