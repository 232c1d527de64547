// A read model is often a few kinds of document, each shaped by its own events under its own
// key. This builds the projection from those parts, so each part stays a plain reducer.

import type { LedgerEventType } from '../../../domain/events/catalogue.js';
import { defineProjection, type Documents, type ProjectedEvent, type Projection } from '../../projection.js';

/** One kind of document: the events that shape it, the key an event addresses, and its reducer. */
export interface Fact<D> {
  readonly eventTypes: readonly LedgerEventType[];
  key(event: ProjectedEvent): string;
  evolve(document: D | undefined, event: ProjectedEvent): D | undefined;
}

export function defineFact<D>(fact: Fact<D>): Fact<D> {
  return fact;
}

/** A projection made of facts; an event may shape several of them (each under its own key). */
export function factsProjection<D>(name: string, version: number, facts: readonly Fact<D>[]): Projection<D> {
  const byType = new Map<string, Fact<D>[]>();
  for (const fact of facts) for (const type of fact.eventTypes) byType.set(type, [...(byType.get(type) ?? []), fact]);
  return defineProjection<D>({
    name,
    version,
    eventTypes: [...byType.keys()] as LedgerEventType[],
    keys: (event) => (byType.get(event.type) ?? []).map((fact) => fact.key(event)),
    apply(documents: Documents<D>, event) {
      const after: Documents<D> = {};
      for (const fact of byType.get(event.type) ?? []) {
        const key = fact.key(event);
        after[key] = fact.evolve(key in after ? after[key] : documents[key], event);
      }
      return after;
    },
  });
}
