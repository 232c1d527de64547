// One range of a verification on several cores (parallel-ranges.ts), checked end to end on a
// connection of its own: the chain from the stored link of the event before the range (the range
// before checks that link), every leaf and every node of the tree inside the range, and the
// links and subtrees the joining thread needs at signed positions. Any disagreement is reported
// as a problem, not located: the one-thread walk then names the first break (verify.ts).

import { nodeCount } from '../merkle/layout.js';
import { RangeSubtrees, type Subtree } from '../merkle/range-subtrees.js';
import { GENESIS_HASH } from '../../store/chain.js';
import { toStoredEvent, type StoredRow } from '../../store/sql-rows.js';
import { readNodeHashes, type TreeStatements } from '../../store/sqlite/tree.js';
import { HASH_SIZE } from '../merkle/hash.js';
import { checkStoredLinks } from './stored-links.js';
import { PAGE_SIZE } from './walk.js';

export interface RangeMarks {
  /** Positions in the range whose link a signed checkpoint names. */
  checkpoints: readonly number[];
  /** Tree sizes in the range a signed tree head names. */
  sizes: readonly number[];
}

export type RangeOutcome =
  | {
      ok: true;
      /** The stored link the range was checked from, and its last link. */
      startHash: string;
      endHash: string;
      /** The subtrees covering the range, in leaf order. */
      subtrees: Subtree[];
      /** The link at each checkpoint position asked. */
      links: [number, string][];
      /** The subtrees covering the range up to each size asked. */
      subtreesAt: [number, Subtree[]][];
    }
  | { ok: false; reason: string };

/** Check events from + 1 … to (positions) and the tree nodes they complete inside the range. */
export function checkRange(tree: TreeStatements, from: number, to: number, marks: RangeMarks, onPage?: (checked: number) => void): RangeOutcome {
  const before = from === 0 ? [] : tree.eventsAfter.all(from - 1, 1);
  const startHash = from === 0 ? GENESIS_HASH : (before[0] as StoredRow | undefined)?.[8];
  if (before.length > 0 && before[0]?.[0] !== from) return { ok: false, reason: `the log has no event at position ${from}` };
  if (typeof startHash !== 'string') return { ok: false, reason: `the log has no link at position ${from}` };
  const checkpoints = new Set(marks.checkpoints);
  const sizes = new Set(marks.sizes);
  const links: [number, string][] = [];
  const subtreesAt: [number, Subtree[]][] = [];
  const range = new RangeSubtrees(from);
  let found: string | undefined;
  let hashes: Buffer = Buffer.alloc(0);
  let firstId = 0;
  const holdNode = (id: number, hash: Buffer): void => {
    const at = HASH_SIZE * (id - firstId);
    if (!found && hash.compare(hashes, at, at + HASH_SIZE) !== 0) found = `the stored node ${id} does not match the events under it`;
  };
  let hash = startHash;
  let position = from;
  const leaves: Buffer[] = [];
  while (position < to) {
    const events = tree.eventsAfter.all(position, Math.min(PAGE_SIZE, to - position)).map(toStoredEvent);
    if (events.length === 0) return { ok: false, reason: `the log ends at position ${position}, before ${to}` };
    leaves.length = 0;
    const check = checkStoredLinks(events, hash, position, leaves);
    if (!check.ok) return { ok: false, reason: `the chain breaks at position ${check.brokenAt}: ${check.reason}` };
    firstId = nodeCount(position);
    const stored = readNodeHashes(tree, firstId, nodeCount(position + events.length) - firstId);
    if (!stored) return { ok: false, reason: `the Merkle tree lacks a node of positions ${position + 1} to ${position + events.length}` };
    hashes = stored;
    for (let i = 0; i < events.length; i++) {
      range.append(leaves[i] as Buffer, holdNode);
      if (found) return { ok: false, reason: found };
      const event = events[i] as (typeof events)[number];
      if (checkpoints.has(event.position)) links.push([event.position, event.hash as string]);
      if (sizes.has(event.position)) subtreesAt.push([event.position, range.subtrees()]);
    }
    hash = check.headHash;
    position = check.headPosition;
    onPage?.(events.length);
  }
  return { ok: true, startHash, endHash: hash, subtrees: range.subtrees(), links, subtreesAt };
}
