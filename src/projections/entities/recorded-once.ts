// Records made once and never changed (areas, communities, health-check cycles, VOiCE
// evaluations): the view is the record, under a name, or null before it is made.

import type { EventData, LedgerEvent, LedgerEventType } from '../../domain/events/catalogue.js';

export type RecordedOnceView<T extends LedgerEventType, K extends string> = { [P in K]: EventData<T> | null };

export function recordedOnce<T extends LedgerEventType, K extends string>(type: T, key: K) {
  type View = RecordedOnceView<T, K>;
  // TypeScript cannot relate a generic T's data to the catalogue's union; the type check below is what guarantees it.
  const named = (record: unknown) => ({ [key]: record }) as View;
  const evolve = (view: View, event: LedgerEvent): View => (event.type === type ? named(event.data) : view);
  return { evolve, view: (events: readonly LedgerEvent[]): View => events.reduce(evolve, named(null)) };
}
