// Deciding a group of appends, in order, against the log as it stands under the log's lock
// plus what the earlier appends of the same group will write. Each append is a retry (its
// ids are already its stream's events at the same places: the original result), a refusal
// (a wrong expected revision, an id used elsewhere), or new events with their revisions,
// positions and chain links. Nothing is written here.

import { storedChainHash } from '../chain.js';
import { DuplicateEventId, WrongExpectedRevision } from '../errors.js';
import type { AppendOptions, AppendResult, ExpectedRevision } from '../port.js';
import type { PreparedEvent } from '../prepare-events.js';

export interface QueuedAppend {
  streamId: string;
  events: readonly PreparedEvent[];
  expected: ExpectedRevision;
  options: AppendOptions;
  /** The append's values as SQL literals (literals.ts), made when the append was made. */
  literals: AppendLiterals;
}

export interface AppendLiterals {
  streamId: string;
  /** Per event: id, type, version, data, metadata, in the INSERT's column order. */
  events: readonly string[];
}

/** An event with its place in the log, as it is inserted. */
export interface WrittenEvent extends PreparedEvent {
  streamId: string;
  revision: number;
  position: number;
  hash: string;
}

export type Decision =
  | { kind: 'write'; result: AppendResult; rows: WrittenEvent[] }
  | { kind: 'retry'; result: AppendResult }
  | { kind: 'refused'; error: unknown };

export interface StoredPlace {
  streamId: string;
  revision: number;
  position: number;
}

/** What the group's appends need to know of the log, read in one query under the lock. */
export interface LogState {
  head: { position: number; hash: string };
  /** Last revision of each stream the group touches; -1 for a stream with no events. */
  lastRevision: Map<string, number>;
  /** Where each id the group carries is already recorded. */
  places: Map<string, StoredPlace>;
}

/** Events of a stream from a revision on, as recorded: only needed to recognise a retry. */
export type ReadIds = (streamId: string, fromRevision: number, count: number) => Promise<(StoredPlace & { id: string })[]>;

export async function planGroup(state: LogState, group: readonly QueuedAppend[], readIds: ReadIds): Promise<Decision[]> {
  const planned = new Map<string, WrittenEvent[]>();
  let { position, hash } = state.head;
  const decisions: Decision[] = [];
  for (const append of group) {
    try {
      const original = await findOriginalAppend(state, planned, append, readIds);
      if (original) {
        decisions.push({ kind: 'retry', result: original });
        continue;
      }
      const actual = state.lastRevision.get(append.streamId) ?? -1;
      if (!isExpected(append.expected, actual)) throw new WrongExpectedRevision(append.streamId, append.expected, actual);
      let revision = actual;
      const rows = append.events.map((event): WrittenEvent => {
        position++;
        revision++;
        const row = { ...event, streamId: append.streamId, revision, position };
        hash = storedChainHash(hash, row);
        return { ...row, hash };
      });
      // The next appends of the group see these as written.
      state.lastRevision.set(append.streamId, revision);
      for (const row of rows) state.places.set(row.id, { streamId: row.streamId, revision: row.revision, position: row.position });
      planned.set(append.streamId, [...(planned.get(append.streamId) ?? []), ...rows]);
      decisions.push({ kind: 'write', result: { nextExpectedRevision: revision, position }, rows });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision || error instanceof DuplicateEventId)) throw error;
      decisions.push({ kind: 'refused', error });
    }
  }
  return decisions;
}

/**
 * The result of the earlier append these events repeat, or undefined when none of their
 * ids is recorded yet. Ids recorded any other way are refused. Checked before the
 * expected revision, which went stale when the original append succeeded.
 */
async function findOriginalAppend(
  state: LogState,
  planned: ReadonlyMap<string, readonly WrittenEvent[]>,
  append: QueuedAppend,
  readIds: ReadIds,
): Promise<AppendResult | undefined> {
  const [first] = append.events;
  if (!first) return undefined;
  const place = state.places.get(first.id);
  if (!place) {
    for (const event of append.events) if (state.places.has(event.id)) throw new DuplicateEventId(event.id);
    return undefined;
  }
  if (place.streamId !== append.streamId) throw new DuplicateEventId(first.id);
  const count = append.events.length;
  // The stream's recorded events come first, then those planned in this group.
  const ours = (planned.get(append.streamId) ?? []).filter((row) => row.revision >= place.revision);
  const recorded = ours.length > 0 && ours[0]!.revision === place.revision ? [] : await readIds(append.streamId, place.revision, count);
  const stored = [...recorded, ...ours].slice(0, count);
  const last = stored.at(-1);
  if (!last || stored.length !== count || stored.some((row, i) => row.id !== append.events[i]?.id)) {
    throw new DuplicateEventId(first.id);
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}

function isExpected(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}
