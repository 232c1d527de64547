// A projection, declared one way for every read model, as Emmett's projections read: a name, a
// version, the event types it handles, the key of the row an event is about, and a pure evolve
// from a row and an event to the row after it. One projection keeps one kind of fact (activities,
// decisions, organisations...); a view may read several. No I/O here: the runners (embedded,
// BullMQ) load the rows a batch touches, evolve them, and write them with their checkpoint.

import type { EventMetadata } from '../domain/events/metadata.js';
import type { LedgerEvent, LedgerEventType } from '../domain/events/catalogue.js';

/** An event as projections see it: upcast to the current version, with where and when it was recorded. */
export type ProjectedEvent = LedgerEvent & {
  id: string;
  streamId: string;
  position: number;
  metadata: EventMetadata;
};

/** A projected event of one of the given types. */
export type ProjectedEventOf<T extends LedgerEventType> = Extract<ProjectedEvent, { type: T }>;

/** Rows by key; `undefined` means absent (or, when written, removed). */
export type Documents<D> = Record<string, D | undefined>;

/**
 * One way a row is found: under `term` (e.g. "organisation:halton", "year:2013"), in the order of
 * `sort` (e.g. the date it opens), ties by key. A view reads the rows of a term in that order,
 * from where the last page ended, so a filtered read touches only the rows that term holds.
 */
export type IndexEntry = readonly [term: string, sort: string];

export interface Projection<R = unknown> {
  readonly name: string;
  /** Bump when evolve or the row's shape changes: the runner rebuilds the read model. */
  readonly version: number;
  readonly eventTypes: readonly LedgerEventType[];
  /** The key of the row an event is about (several where it is about several); none when it is about nothing kept. */
  key(event: ProjectedEvent): string | readonly string[] | null;
  /** Pure: the row after the event; `undefined` for no row (never planned, or removed). Unchanged: the same object. */
  evolve(row: R | undefined, event: ProjectedEvent): R | undefined;
  /** Pure: where the row is found, one entry per question its views ask of it. None: found by key only. */
  index?(row: R): readonly IndexEntry[];
}

/** A projection typed to its own events: `key` and `evolve` see only the event types it declares. */
export interface ProjectionSpec<R, T extends LedgerEventType> {
  readonly name: string;
  readonly version: number;
  readonly eventTypes: readonly T[];
  key(event: ProjectedEventOf<T>): string | readonly string[] | null;
  evolve(row: R | undefined, event: ProjectedEventOf<T>): R | undefined;
  index?(row: R): readonly IndexEntry[];
}

export function defineProjection<R, const T extends LedgerEventType = LedgerEventType>(spec: ProjectionSpec<R, T>): Projection<R> {
  // Runners hand a projection only the event types it declares (foldBatch checks), so the narrower signature holds.
  return spec as unknown as Projection<R>;
}

const keysOf = (projection: Projection<unknown>, event: ProjectedEvent): readonly string[] => {
  const key = projection.key(event);
  return key === null ? [] : typeof key === 'string' ? [key] : key;
};

/**
 * Fold a batch of events through one projection, touching each row once at the end.
 * `touched` holds only rows that changed: evolve is pure and returns the row it was
 * given when an event changes nothing, so an unchanged one is not written again.
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
    for (const key of keysOf(projection as Projection<unknown>, event)) {
      const before = documents[key];
      const after = projection.evolve(before, event);
      if (after === before) continue;
      documents[key] = after;
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
  for (const event of events) if (handled.has(event.type)) for (const key of keysOf(projection, event)) keys.add(key);
  return [...keys];
}

/**
 * A term of an index: its parts joined by ":". A NUL would break the order of entries (the stores
 * keep term, sort and key apart with it), so any in user text becomes U+FFFD, here and in queries alike.
 */
export const term = (...parts: readonly (string | number)[]): string => parts.join(':').replaceAll('\0', '\uFFFD');

/** A row's entries, each once, NUL-free: what a store writes for it. */
export function entriesOf<R>(projection: Projection<R>, row: R): IndexEntry[] {
  const seen = new Map<string, IndexEntry>();
  for (const [t, sort] of projection.index?.(row) ?? []) {
    const entry: IndexEntry = [t.replaceAll('\0', '\uFFFD'), sort.replaceAll('\0', '\uFFFD')];
    seen.set(`${entry[0]}\0${entry[1]}`, entry);
  }
  return [...seen.values()];
}
