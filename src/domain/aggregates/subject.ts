// A data subject: someone whose personal data the ledger holds sealed. Its stream records
// only that they were erased; the keys themselves live outside the log (src/privacy).

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import type { Actor } from '../actor.js';
import type { DecideContext, Decider } from '../decider.js';
import { DomainError } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { SubjectErased } from '../events/subject.js';
import { subjectStream } from './streams.js';

export const subjectCommand = z.discriminatedUnion('type', [z.object({ type: z.literal('EraseSubject'), data: SubjectErased.schema })]);
export type SubjectCommand = z.output<typeof subjectCommand>;

export interface SubjectState {
  erasedOn: string | null;
}

function assertMayErase(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new DomainError('ADMIN_ONLY', 'only an administrator erases a data subject’s personal data', { role: actor.role });
  }
}

function decide(command: SubjectCommand, state: SubjectState, { actor }: DecideContext): EventOfType<'SubjectErased'>[] {
  assertMayErase(actor);
  // Erasure is idempotent: a second request records nothing more (the key is already gone, or is destroyed again).
  if (state.erasedOn !== null) return [];
  return [{ type: 'SubjectErased', data: command.data }];
}

function evolve(state: SubjectState, event: LedgerEvent): SubjectState {
  return event.type === 'SubjectErased' ? { erasedOn: event.data.erasedOn } : state;
}

export const subjectDecider: Decider<SubjectCommand, LedgerEvent, SubjectState> = { initialState: { erasedOn: null }, decide, evolve };

export const subject = defineAggregate({
  name: 'subject',
  commandSchema: subjectCommand,
  decider: subjectDecider,
  streamId: (command) => subjectStream(command.data.subjectId),
});

export { subjectStream };
