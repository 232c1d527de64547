// One append, as it runs inside a write transaction: recognise a retry, check the
// expected revision, then give each event its revision, position and chain link, and
// keep the receipt it carries. Everything is read inside the transaction, so another
// process's writes are seen.

import { GENESIS_HASH, storedChainHash } from '../chain.js';
import { DuplicateEventId, WrongExpectedRevision } from '../errors.js';
import type { AppendResult, ExpectedRevision, StoredEvent } from '../port.js';
import type { PreparedEvent } from '../prepare-events.js';
import { keepReceipt, refuseIfKept, type ReceiptToKeep } from './receipts.js';
import type { Statements } from './statements.js';
import { extendTree, type TreeStatements } from './tree.js';
import { leafHashOf } from '../../audit/merkle/hash.js';

export function writeAppend(
  statements: Statements,
  streamId: string,
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  receipt?: ReceiptToKeep,
  /** Hears each event as written, in order (the Merkle tree takes its leaves from here: tree.ts). */
  onWritten?: (event: Omit<StoredEvent, 'hash'>) => void,
): AppendResult {
  if (!receipt) return writeEvents(statements, streamId, events, expected, onWritten);
  refuseIfKept(statements.receipts, receipt);
  const result = writeEvents(statements, streamId, events, expected, onWritten);
  keepReceipt(statements.receipts, receipt, result);
  return result;
}

/** writeAppend, and the Merkle tree extended over what it wrote (none when `tree` is null: bench only). */
export function writeAppendAndTree(
  statements: Statements,
  tree: TreeStatements | null,
  streamId: string,
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  receipt?: ReceiptToKeep,
): AppendResult {
  if (!tree) return writeAppend(statements, streamId, events, expected, receipt);
  const leaves: Buffer[] = [];
  const result = writeAppend(statements, streamId, events, expected, receipt, (event) => leaves.push(leafHashOf(event)));
  // In the same transaction (and savepoint) as the events: a committed event is always a leaf.
  extendTree(tree, leaves);
  return result;
}

function writeEvents(
  statements: Statements,
  streamId: string,
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  onWritten: ((event: Omit<StoredEvent, 'hash'>) => void) | undefined,
): AppendResult {
  // A retry is recognised before the revision check: the retry's expected revision
  // went stale when the original append succeeded.
  const original = findOriginalAppend(statements, streamId, events);
  if (original) return original;

  const actual = statements.lastRevision.get(streamId) ?? -1;
  if (!isExpected(expected, actual)) throw new WrongExpectedRevision(streamId, expected, actual);

  const head = statements.head.get();
  let position = head?.position ?? 0;
  let hash = head?.hash ?? GENESIS_HASH;
  let revision = actual;
  for (const event of events) {
    position++;
    revision++;
    const stored = {
      position,
      streamId,
      revision,
      id: event.id,
      type: event.type,
      version: event.version,
      dataJson: event.dataJson,
      metadataJson: event.metadataJson,
    };
    hash = storedChainHash(hash, stored);
    statements.insert.run({
      position,
      stream_id: streamId,
      revision,
      id: event.id,
      type: event.type,
      version: event.version,
      data: event.dataJson,
      metadata: event.metadataJson,
      hash,
    });
    onWritten?.(stored);
  }
  return { nextExpectedRevision: revision, position };
}

/**
 * The result of the earlier append these events repeat, or undefined when none of
 * their ids is recorded yet. Ids recorded any other way are refused.
 */
function findOriginalAppend(
  statements: Statements,
  streamId: string,
  events: readonly PreparedEvent[],
): AppendResult | undefined {
  const [first] = events;
  if (!first) return undefined;
  const place = statements.placeOfId.get(first.id);
  if (!place) {
    for (const event of events) {
      if (statements.placeOfId.get(event.id)) throw new DuplicateEventId(event.id);
    }
    return undefined;
  }
  if (place.stream_id !== streamId) throw new DuplicateEventId(first.id);
  const stored = statements.idsFromRevision.all(streamId, place.revision, events.length);
  const last = stored.at(-1);
  if (!last || stored.length !== events.length || stored.some((row, i) => row.id !== events[i]?.id)) {
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
