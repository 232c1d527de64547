// Areas and communities of interest: reference data defined once by the administrator,
// then only cited. Both follow one shape, so one factory builds them.

import { z } from 'zod';
import { defineAggregate, type Aggregate } from '../aggregate.js';
import { assertMayManageReferenceData } from '../authority.js';
import type { DecideContext, Decider } from '../decider.js';
import { assertReferences, readKnown, type Known, type Reference } from '../references.js';
import { rule } from '../errors.js';
import type { EventData, LedgerEvent } from '../events/catalogue.js';
import { AreaDefined, CommunityOfInterestDefined } from '../events/organisation.js';
import { areaStream, communityStream } from './streams.js';

type DefinedOnceType = 'AreaDefined' | 'CommunityOfInterestDefined';

export interface ReferenceState {
  defined: boolean;
}

interface DefinedOnce<T extends DefinedOnceType, C> {
  name: string;
  commandSchema: z.ZodType<C>;
  eventType: T;
  id(data: EventData<T>): string;
  stream(id: string): string;
  /** Refusal code for a second definition. */
  code: string;
  /** What a definition names that must already exist (an area's parent area). */
  references?(data: EventData<T>): Reference[];
}

interface DefinedOnceContext extends DecideContext {
  known: Known;
}

function definedOnce<T extends DefinedOnceType, C extends { type: string; data: EventData<T> }>(
  spec: DefinedOnce<T, C>,
): Aggregate<C, ReferenceState, DefinedOnceContext> {
  const referencesOf = (command: C): Reference[] => spec.references?.(command.data) ?? [];
  const decider: Decider<C, LedgerEvent, ReferenceState, DefinedOnceContext> = {
    initialState: { defined: false },
    decide(command: C, state: ReferenceState, { actor, known }: DefinedOnceContext) {
      assertMayManageReferenceData(actor);
      const id = spec.id(command.data);
      rule(!state.defined, spec.code, `${spec.name} ${id} is already defined`, { id });
      assertReferences(known, referencesOf(command));
      // The command's data is the event's data; TypeScript cannot pair T with its data on its own.
      return [{ type: spec.eventType, data: command.data } as LedgerEvent];
    },
    evolve: (state, event) => (event.type === spec.eventType ? { defined: true } : state),
  };
  return defineAggregate({
    name: spec.name,
    commandSchema: spec.commandSchema,
    decider,
    streamId: (command) => spec.stream(spec.id(command.data)),
    context: async (command, actor, read) => ({ actor, known: await readKnown(read, referencesOf(command)) }),
  });
}

export const areaCommand = z.discriminatedUnion('type', [z.object({ type: z.literal('DefineArea'), data: AreaDefined.schema })]);
export type AreaCommand = z.output<typeof areaCommand>;

export const area = definedOnce({
  name: 'area',
  commandSchema: areaCommand,
  eventType: 'AreaDefined',
  id: (data) => data.areaId,
  stream: areaStream,
  code: 'AREA_ALREADY_DEFINED',
  references: (data) => [{ kind: 'area', field: 'parentAreaId', ids: [data.parentAreaId] }],
});

export const communityCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DefineCommunityOfInterest'), data: CommunityOfInterestDefined.schema }),
]);
export type CommunityCommand = z.output<typeof communityCommand>;

export const community = definedOnce({
  name: 'community',
  commandSchema: communityCommand,
  eventType: 'CommunityOfInterestDefined',
  id: (data) => data.communityId,
  stream: communityStream,
  code: 'COMMUNITY_OF_INTEREST_ALREADY_DEFINED',
});

export { areaStream, communityStream };
