// Deciding a group of appends, in order, against the log as it stands under the log's lock
// plus what the earlier appends of the same group will write. Each append is a retry (its
// ids are already its stream's events at the same places: the original result), a refusal
// (a wrong expected revision, an id used elsewhere, an idempotency key already answered),
// or new events with their revisions, positions and chain links. An append carrying a
// receipt (port.ts) gets its answer made here, from its result, before anything is sent:
// an answer that cannot be made refuses that append alone. Nothing is written here.

import { storedChainHash } from '../chain.js';
import { DuplicateEventId, ReceiptAlreadyKept, WrongExpectedRevision } from '../errors.js';
import type { AppendOptions, AppendResult, ExpectedRevision, Receipt } from '../port.js';
import type { PreparedEvent } from '../prepare-events.js';
import { integerLiteral, textLiteral } from './literals.js';

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

/** A receipt as it is inserted: the answer made, and its row as SQL literals (literals.ts). */
export interface KeptReceipt extends Receipt {
  /** (scope, key, request_hash, status, body, position), in the INSERT's column order. */
  tuple: string;
}

export type Decision =
  | { kind: 'write'; result: AppendResult; rows: WrittenEvent[]; receipt?: KeptReceipt }
  | { kind: 'retry'; result: AppendResult; receipt?: KeptReceipt }
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
  /** The receipts already kept for the keys the group carries, by receiptKey(). */
  receipts: Map<string, Receipt>;
}

/** How a receipt's scope and key are looked up together. */
export function receiptKey(scope: string, key: string): string {
  return `${scope}\n${key}`;
}

/** Events of a stream from a revision on, as recorded: only needed to recognise a retry. */
export type ReadIds = (streamId: string, fromRevision: number, count: number) => Promise<(StoredPlace & { id: string })[]>;

export async function planGroup(state: LogState, group: readonly QueuedAppend[], readIds: ReadIds): Promise<Decision[]> {
  const planned = new Map<string, WrittenEvent[]>();
  let { position, hash } = state.head;
  const decisions: Decision[] = [];
  for (const append of group) {
    const request = append.options.receipt;
    try {
      // One key, one append: a key answered before (or earlier in this group) refuses the append.
      const kept = request && state.receipts.get(receiptKey(request.scope, request.key));
      if (kept) throw new ReceiptAlreadyKept(kept);
      const original = await findOriginalAppend(state, planned, append, readIds);
      if (original) {
        const receipt = request && answered(request, original);
        if (receipt) state.receipts.set(receiptKey(receipt.scope, receipt.key), withoutTuple(receipt));
        decisions.push({ kind: 'retry', result: original, ...(receipt ? { receipt } : {}) });
        continue;
      }
      const actual = state.lastRevision.get(append.streamId) ?? -1;
      if (!isExpected(append.expected, actual)) throw new WrongExpectedRevision(append.streamId, append.expected, actual);
      let [nextPosition, nextHash, revision] = [position, hash, actual];
      const rows = append.events.map((event): WrittenEvent => {
        nextPosition++;
        revision++;
        const row = { ...event, streamId: append.streamId, revision, position: nextPosition };
        nextHash = storedChainHash(nextHash, row);
        return { ...row, hash: nextHash };
      });
      const result = { nextExpectedRevision: revision, position: nextPosition };
      // Made before the log's state moves on: an answer that throws refuses this append alone.
      const receipt = request && answered(request, result);
      [position, hash] = [nextPosition, nextHash];
      // The next appends of the group see these as written.
      state.lastRevision.set(append.streamId, revision);
      for (const row of rows) state.places.set(row.id, { streamId: row.streamId, revision: row.revision, position: row.position });
      if (receipt) state.receipts.set(receiptKey(receipt.scope, receipt.key), withoutTuple(receipt));
      planned.set(append.streamId, [...(planned.get(append.streamId) ?? []), ...rows]);
      decisions.push({ kind: 'write', result, rows, ...(receipt ? { receipt } : {}) });
    } catch (error) {
      if (error instanceof AnswerFailed) decisions.push({ kind: 'refused', error: error.cause });
      else if (error instanceof WrongExpectedRevision || error instanceof DuplicateEventId || error instanceof ReceiptAlreadyKept) decisions.push({ kind: 'refused', error });
      else throw error;
    }
  }
  return decisions;
}

function withoutTuple({ tuple: _tuple, ...receipt }: KeptReceipt): Receipt {
  return receipt;
}

/** The writer's answer could not be made: its append is refused with the writer's error. */
class AnswerFailed extends Error {}

function answered(request: NonNullable<AppendOptions['receipt']>, result: AppendResult): KeptReceipt {
  try {
    const { status, body } = request.answer(result);
    const bodyJson = JSON.stringify(body);
    const tuple = [
      textLiteral(request.scope, 'a receipt scope'),
      textLiteral(request.key, 'an idempotency key'),
      textLiteral(request.requestHash, 'a request hash'),
      integerLiteral(status, 'a receipt status'),
      textLiteral(bodyJson, 'a receipt body'),
      integerLiteral(result.position, 'a position', Number.MAX_SAFE_INTEGER),
    ].join(',');
    return { scope: request.scope, key: request.key, requestHash: request.requestHash, status, body: JSON.parse(bodyJson) as unknown, tuple };
  } catch (error) {
    throw new AnswerFailed('the answer could not be made', { cause: error });
  }
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
