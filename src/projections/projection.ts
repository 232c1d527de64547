// A projection: a name, a version, the event types it handles, and a pure reducer
// onto its read-model documents. No I/O here: the runners (embedded, BullMQ) load
// the documents an event touches, call `apply`, and write the result with their checkpoint.

import type { EventMetadata } from '../domain/events/metadata.js';
import type { LedgerEvent, LedgerEventType } from '../domain/events/catalogue.js';

/** An event as projections see it: upcast to the current version, with where and when it was recorded. */
export type ProjectedEvent = LedgerEvent & {
  id: string;
  streamId: string;
  position: number;
  metadata: EventMetadata;
};

/** The documents an event touches, by key; `undefined` means absent (or, when returned, deleted). */
export type Documents<D> = Record<string, D | undefined>;

export interface Projection<D = unknown> {
  readonly name: string;
  /** Bump when the reducer or the document shape changes: the runner rebuilds the read model. */
  readonly version: number;
  readonly eventTypes: readonly LedgerEventType[];
  /** The keys of the documents an event reads and may change. */
  keys(event: ProjectedEvent): string[];
  /** Pure: given the touched documents, return them as they are after the event. */
  apply(documents: Documents<D>, event: ProjectedEvent): Documents<D>;
}

export function defineProjection<D>(projection: Projection<D>): Projection<D> {
  return projection;
}

/**
 * Fold a batch of events through one projection, touching each document once at the end.
 * `touched` holds only documents that changed: reducers are pure and return the document
 * they were given when an event changes nothing, so an unchanged one is not written again.
 */
export function foldBatch<D>(
  projection: Projection<D>,
  events: readonly ProjectedEvent[],
  loaded: Documents<D>,
): { documents: Documents<D>; touched: Set<string> } {
  const handled = new Set<string>(projection.eventTypes);
  const documents: Documents<D> = { ...loaded };
  const touched = new Set<string>();
  for (const event of events) {
    if (!handled.has(event.type)) continue;
    const keys = projection.keys(event);
    const before: Documents<D> = {};
    for (const key of keys) before[key] = documents[key];
    const after = projection.apply(before, event);
    for (const key of Object.keys(after)) {
      documents[key] = after[key];
      touched.add(key);
    }
  }
  for (const key of touched) if (documents[key] === loaded[key]) touched.delete(key);
  return { documents, touched };
}

/** Every key a batch will touch, so a runner can load them in one round trip before folding. */
export function keysOfBatch(projection: Projection<unknown>, events: readonly ProjectedEvent[]): string[] {
  const handled = new Set<string>(projection.eventTypes);
  const keys = new Set<string>();
  for (const event of events) if (handled.has(event.type)) for (const key of projection.keys(event)) keys.add(key);
  return [...keys];
}
