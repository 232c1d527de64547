// `ledger verify` and GET /v1/integrity: recompute the chain from the first event and
// check the log against every checkpoint the ledger signed. The chain alone catches an
// event changed, deleted or reordered; it cannot catch the last events removed (a
// truncated log is a shorter valid chain) nor a log rewritten with recomputed hashes.
// Signed checkpoints catch both: the log must still reach each signed position, with
// the signed hash there. Where the store keeps a Merkle tree, the walk also rebuilds it from
// the events and holds every stored node, and every signed tree head, to it: on this thread, or
// (the parallel option) in ranges on a worker thread per core, this thread walking on from
// where they end; should a range not hold, the one-thread walk names the first break.

import type { KeyObject } from 'node:crypto';
import { TreeCheck, type SignedRoot, type TreeBreak } from '../merkle/tree-check.js';
import { verifyRanges, MIN_RANGE, type ParallelOptions } from './parallel-ranges.js';
import type { EventStore, RecordedEvent } from '../../store/port.js';
import { signatureProblem, type SignedCheckpoint } from './statement.js';
import { checkTreeHead, treeHeadOrigin } from './tree-head.js';
import { GENESIS, walkedLeafHash, walkChain, type Break, type ChainPoint, type ChainWalker, type Walk } from './walk.js';

/** What to check the log against, besides its own chain. */
export interface CheckpointEvidence {
  /** Statements the ledger signed (all of them, from server.db). */
  checkpoints: readonly SignedCheckpoint[];
  /** The ledger's public key; null when there is none, and then no statement can be trusted. */
  publicKey: KeyObject | null;
  /** This ledger's id; a statement naming another ledger does not count. */
  ledgerId?: string;
  /** Signed tree heads (C2SP checkpoint notes) the ledger kept, with when each was signed. */
  treeHeads?: readonly { note: string; signedAt: string }[];
}

export type VerificationProblem =
  /** An event's hash does not follow from the event and its predecessor (changed, deleted, reordered, unreadable). */
  | 'chain'
  /** The chain holds, but an event's hash differs from what a signed checkpoint says: the log was rewritten and its hashes recomputed. */
  | 'rewritten'
  /** The log ends before a signed checkpoint's position. */
  | 'truncated'
  /** A stored checkpoint does not carry a valid signature of this ledger (server.db was edited). */
  | 'checkpoint-signature'
  /** The stored Merkle tree does not match the events: the tree was altered, or an event was changed and its chain recomputed. */
  | 'tree';

export interface CheckpointSummary {
  /** Statements given. */
  stored: number;
  /** Statements whose position the log reached with the signed hash. */
  held: number;
  /** Statements whose signature (or ledger id) does not verify; they are not used as evidence. */
  invalid: { position: number; signedAt: string; reason: string }[];
  /** The valid statement of the highest position (the latest signed, among equals). */
  latest: { position: number; headHash: string; signedAt: string } | null;
  /** Signed tree heads given, and those whose root the rebuilt tree has at their size (invalid ones are in `invalid`). */
  treeHeads: { stored: number; held: number };
  /** Whether the store's Merkle tree was rebuilt from the events and every stored node checked; false for a store without one. */
  treeChecked: boolean;
}

export type LedgerVerification =
  | { ok: true; headPosition: number; headHash: string; checked: number; checkpoints: CheckpointSummary }
  | {
      ok: false;
      problem: VerificationProblem;
      /** The first position the problem affects; null for a checkpoint whose signature fails (the log itself may be intact). */
      brokenAt: number | null;
      reason: string;
      /** Events verified before the problem. */
      checked: number;
      checkpoints: CheckpointSummary;
    }
  | { ok: null; reason: string; checked: 0 };

export interface VerifyOptions {
  /** Hears after each page: the position reached, and the head when verification started. */
  onProgress?: (position: number, head: number) => void;
  evidence?: CheckpointEvidence;
  /** Hears each event once verified (chain and checkpoints), in log order. */
  visit?: (event: RecordedEvent) => void;
  /** How the chain is walked; default walkChain, the log-wide chain. */
  walker?: ChainWalker;
  /**
   * Use every core: the log (a SQLite file, `path`) cut into ranges, each checked end to end by a
   * worker thread of its own (parallel-ranges.ts). The same checks, the same answers. Taken only
   * where it applies: a store that keeps a tree and gives its events as stored, the default
   * walker, no `visit` (which must hear each event in order), and a log of at least `minRange` events.
   */
  parallel?: ParallelOptions;
}

/** Verify the whole log, streaming (a page at a time), against its chain and every signed checkpoint given. */
export function verifyLedger(
  store: EventStore,
  onProgress?: (position: number, head: number) => void,
  evidence?: CheckpointEvidence,
): Promise<LedgerVerification> {
  return verifyLedgerWith(store, { onProgress, evidence });
}

export async function verifyLedgerWith(store: EventStore, options: VerifyOptions): Promise<LedgerVerification> {
  const { valid, invalid } = partition(options.evidence);
  const heads = await partitionTreeHeads(options.evidence);
  invalid.push(...heads.invalid);
  const summary: CheckpointSummary = {
    stored: options.evidence?.checkpoints.length ?? 0,
    held: 0,
    invalid,
    latest: latestOf(valid),
    treeHeads: { stored: options.evidence?.treeHeads?.length ?? 0, held: 0 },
    treeChecked: false,
  };
  const ranges = await rangesOf(store, options, { checkpoints: valid, roots: heads.roots });
  if (ranges) {
    summary.held = ranges.held;
    summary.treeHeads.held = ranges.treeHeadsHeld;
  }
  const tree = !store.tree ? null : ranges ? TreeCheck.fromRange(store.tree, ranges.tree, heads.roots) : TreeCheck.fromStart(store.tree, heads.roots);
  return verifyWith(store, options, { valid, invalid, heads, summary, tree, from: ranges?.point ?? GENESIS });
}

/** The log up to its head checked in ranges on every core, when the parallel option applies; null to walk it all on this thread. */
async function rangesOf(store: EventStore, options: VerifyOptions, evidence: Parameters<typeof verifyRanges>[3]) {
  const { parallel } = options;
  if (!parallel || !store.tree || !store.readStored || options.walker || options.visit) return null;
  const head = await store.headPosition();
  if (head < (parallel.minRange ?? MIN_RANGE)) return null;
  const joined = await verifyRanges(parallel, store.tree, head, evidence, (checked) => options.onProgress?.(checked, head));
  if (joined.ok) return joined;
  parallel.onFallback?.(joined.problem);
  return null;
}

interface Plan {
  valid: SignedCheckpoint[];
  invalid: CheckpointSummary['invalid'];
  heads: Awaited<ReturnType<typeof partitionTreeHeads>>;
  summary: CheckpointSummary;
  /** The tree, rebuilt up to `from`; null for a store without one. */
  tree: TreeCheck | null;
  /** Where the walk starts, everything before it held (genesis, or where the ranges ended). */
  from: ChainPoint;
}

async function verifyWith(store: EventStore, options: VerifyOptions, { valid, invalid, heads, summary, tree, from }: Plan): Promise<LedgerVerification> {
  // In position order, each met as the walk passes its position.
  const pending = valid.filter((c) => c.position > from.position).sort((a, b) => a.position - b.position);
  let next = 0;

  let problem: VerificationProblem = 'chain';
  let lastHeld: SignedCheckpoint | undefined;
  const head = await store.headPosition();
  const walked = await (options.walker ?? walkChain)(store, {
    ...(from.position > 0 ? { from } : {}),
    onProgress: (_checked, position) => options.onProgress?.(position, head),
    beforePage: (events) => tree?.prefetch(events.length) ?? Promise.resolve(),
    leaves: tree !== null,
    onVerified: (event, point): Break | undefined => {
      const leafBreak = tree?.addLeafHash(walkedLeafHash(event));
      if (leafBreak) {
        problem = leafBreak.problem;
        return leafBreak;
      }
      for (let checkpoint = pending[next]; checkpoint && checkpoint.position <= event.position; checkpoint = pending[++next]) {
        if (checkpoint.position < event.position) {
          // Only where positions have gaps (EventStoreDB): the event the checkpoint names is gone.
          problem = 'rewritten';
          return { brokenAt: checkpoint.position, reason: `the checkpoint signed at ${checkpoint.signedAt} names position ${checkpoint.position}, and the log has no event there any more` };
        }
        if (checkpoint.headHash !== point.hash) {
          problem = 'rewritten';
          return { brokenAt: event.position, reason: rewrittenReason(checkpoint, point, lastHeld) };
        }
        summary.held++;
        lastHeld = checkpoint;
      }
      if (tree) {
        const rootBreak = tree.signedRootBreak();
        if (rootBreak) {
          problem = rootBreak.problem;
          return rootBreak;
        }
        summary.treeHeads.held += heads.roots.get(event.position)?.length ?? 0;
      }
      options.visit?.(event);
      return undefined;
    },
  });

  if (walked.ok === null) return walked;
  // The events before `from` were checked (in ranges) too.
  const walk: Exclude<Walk, { ok: null }> = { ...walked, checked: walked.checked + from.position };
  if (!walk.ok) return { ok: false, problem, brokenAt: walk.brokenAt, reason: walk.reason, checked: walk.checked, checkpoints: summary };

  const beyond = [
    ...valid.map((c) => ({ position: c.position, signedAt: c.signedAt, what: 'checkpoint' })),
    ...heads.sizes.map((h) => ({ position: h.size, signedAt: h.signedAt, what: 'tree head' })),
  ]
    .filter((c) => c.position > walk.head.position)
    .sort((a, b) => b.position - a.position)[0];
  if (beyond) {
    const end = walk.head.position;
    return {
      ok: false,
      problem: 'truncated',
      brokenAt: end + 1,
      reason:
        `the log ends at position ${end}, but the ${beyond.what} signed at ${beyond.signedAt} vouches for position ${beyond.position}: ` +
        `${beyond.position === end + 1 ? `event ${end + 1} is` : `events ${end + 1} to ${beyond.position} are`} missing from the end`,
      checked: walk.checked,
      checkpoints: summary,
    };
  }
  if (tree) {
    const extra: TreeBreak | undefined = await tree.extraNodes(() => store.headPosition());
    if (extra) return { ok: false, problem: extra.problem, brokenAt: extra.brokenAt, reason: extra.reason, checked: walk.checked, checkpoints: summary };
    summary.treeChecked = true;
  }
  const [firstInvalid] = invalid;
  if (firstInvalid) {
    return {
      ok: false,
      problem: 'checkpoint-signature',
      brokenAt: null,
      reason:
        `${invalid.length} stored checkpoint(s) or tree head(s) are not validly signed by this ledger (first: position ${firstInvalid.position}, ` +
        `signed at ${firstInvalid.signedAt}: ${firstInvalid.reason}); the chain itself holds to position ${walk.head.position}`,
      checked: walk.checked,
      checkpoints: summary,
    };
  }
  return { ok: true, headPosition: walk.head.position, headHash: walk.head.hash, checked: walk.checked, checkpoints: summary };
}

/** The tree heads whose signature verifies (their roots by size), and the others. */
async function partitionTreeHeads(evidence: CheckpointEvidence | undefined): Promise<{
  roots: Map<number, SignedRoot[]>;
  sizes: { size: number; signedAt: string }[];
  invalid: CheckpointSummary['invalid'];
}> {
  const roots = new Map<number, SignedRoot[]>();
  const sizes: { size: number; signedAt: string }[] = [];
  const invalid: CheckpointSummary['invalid'] = [];
  const origin = evidence?.ledgerId === undefined ? undefined : treeHeadOrigin(evidence.ledgerId);
  for (const { note, signedAt } of evidence?.treeHeads ?? []) {
    const check = evidence?.publicKey ? await checkTreeHead(note, evidence.publicKey, origin) : { ok: false as const, reason: 'there is no signing key in the data directory to check it with' };
    if (!check.ok) {
      invalid.push({ position: Number(/^[^\n]*\n(\d+)\n/.exec(note)?.[1] ?? 0), signedAt, reason: `its tree head: ${check.reason}` });
      continue;
    }
    const { size, rootHash } = check.checkpoint;
    roots.set(size, [...(roots.get(size) ?? []), { rootHash, label: `at ${signedAt}` }]);
    sizes.push({ size, signedAt });
  }
  return { roots, sizes, invalid };
}

function partition(evidence: CheckpointEvidence | undefined): { valid: SignedCheckpoint[]; invalid: CheckpointSummary['invalid'] } {
  const valid: SignedCheckpoint[] = [];
  const invalid: CheckpointSummary['invalid'] = [];
  for (const checkpoint of evidence?.checkpoints ?? []) {
    const reason = evidence?.publicKey
      ? (signatureProblem(checkpoint, evidence.publicKey) ??
        (evidence.ledgerId !== undefined && checkpoint.ledger !== evidence.ledgerId
          ? `it is about ledger ${checkpoint.ledger}, not ${evidence.ledgerId}`
          : null))
      : 'there is no signing key in the data directory to check it with';
    if (reason) invalid.push({ position: checkpoint.position, signedAt: checkpoint.signedAt, reason });
    else valid.push(checkpoint);
  }
  return { valid, invalid };
}

function latestOf(checkpoints: readonly SignedCheckpoint[]): CheckpointSummary['latest'] {
  let latest: SignedCheckpoint | undefined;
  for (const c of checkpoints) {
    if (!latest || c.position > latest.position || (c.position === latest.position && c.signedAt > latest.signedAt)) latest = c;
  }
  return latest ? { position: latest.position, headHash: latest.headHash, signedAt: latest.signedAt } : null;
}

function rewrittenReason(checkpoint: SignedCheckpoint, point: ChainPoint, lastHeld: SignedCheckpoint | undefined): string {
  const window = lastHeld
    ? `after position ${lastHeld.position} (where the checkpoint signed at ${lastHeld.signedAt} still holds) and at or before position ${point.position}`
    : `at or before position ${point.position}`;
  return (
    `the chain at position ${point.position} has hash ${point.hash}, but the checkpoint signed at ${checkpoint.signedAt} says ${checkpoint.headHash}: ` +
    `the log was changed ${window} and its chain recomputed`
  );
}
