// The decider shape every aggregate follows:
//   decide(command, state, context) -> events   (pure; throws DomainError)
//   evolve(state, event) -> state               (pure)
// A command handler loads the stream, folds evolve, calls decide and appends.

import type { Actor } from './actor.js';
import type { EventOfType, LedgerEvent, LedgerEventType } from './events/catalogue.js';

export interface Decider<Command, Event, State, Context extends DecideContext = DecideContext> {
  readonly initialState: State;
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
}

/** What decide may know beyond the command and the stream: who acts, and facts read from other streams. */
export interface DecideContext {
  actor: Actor;
}

export function fold<Event, State>(decider: Pick<Decider<never, Event, State, never>, 'initialState' | 'evolve'>, events: Iterable<Event>): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/**
 * The end of an exhaustive switch: a command or event type with no case of its own is a compile
 * error here, never a silent `default: return state`.
 */
export function unreachable(value: never): never {
  throw new Error(`no case for ${JSON.stringify(value)}`);
}

/**
 * A guard for an aggregate's own events, from the one list of their types. evolve() sees only
 * its own stream, but takes any LedgerEvent; after this guard its switch covers exactly its own
 * types and ends in unreachable(), so a type added to the list without a case does not compile.
 */
export function ownEvents<const T extends LedgerEventType>(types: readonly T[]): (event: LedgerEvent) => event is EventOfType<T> {
  const own = new Set<string>(types);
  return (event): event is EventOfType<T> => own.has(event.type);
}
