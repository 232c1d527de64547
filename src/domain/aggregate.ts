// An aggregate as the command handler sees it: how to parse its commands,
// which stream a command goes to, what it must read from other streams, and its decider.

import type { z } from 'zod';
import type { Actor } from './actor.js';
import type { DecideContext, Decider } from './decider.js';
import type { LedgerEvent } from './events/catalogue.js';

export interface Command {
  type: string;
  data: unknown;
}

/**
 * Reads another stream's events (already upcast), for rules that span streams. `maxCount: 1`
 * reads only a stream's first event: enough to know an entity exists, without folding a survey.
 */
export type StreamReader = (streamId: string, options?: { maxCount?: number }) => Promise<LedgerEvent[]>;

export interface Aggregate<C extends Command = Command, S = unknown, Ctx extends DecideContext = DecideContext> {
  readonly name: string;
  readonly commandSchema: z.ZodType<C>;
  readonly decider: Decider<C, LedgerEvent, S, Ctx>;
  /** The stream a command goes to. Some streams are named for the actor's organisation, which only the credential gives. */
  streamId(command: C, actor: Actor): string;
  /** Build decide's context from other streams (which ones may depend on the stream's own state); aggregates without cross-stream rules leave this out. */
  context?(command: C, actor: Actor, read: StreamReader, state: S): Promise<Ctx>;
}

export function defineAggregate<C extends Command, S, Ctx extends DecideContext = DecideContext>(aggregate: Aggregate<C, S, Ctx>): Aggregate<C, S, Ctx> {
  return aggregate;
}
