// The decider shape every aggregate follows:
//   decide(command, state, context) -> events   (pure; throws DomainError)
//   evolve(state, event) -> state               (pure)
// A command handler loads the stream, folds evolve, calls decide and appends.

import type { Actor } from './actor.js';

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
