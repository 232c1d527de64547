// Signing the head: the ledger vouches for (position, hash), and for the Merkle tree of that
// many events (a signed tree head), only after checking that the chain leads there from the
// highest checkpoint it signed before and that the stored tree is the tree of those events,
// so its statements form one consistent history: each later one extends the earlier ones.
// That check costs the events since that checkpoint (the whole log for the first statement,
// and for the first tree head after a ledger gained its tree).

import { TreeCheck, type SignedRoot } from '../merkle/tree-check.js';
import type { EventStore } from '../../store/port.js';
import type { CheckpointStore } from '../checkpoints/port.js';
import type { StoredCheckpoint } from './checkpoints.js';
import { IntegrityError } from './errors.js';
import type { SigningKey } from './signing-key.js';
import { signStatement, signatureProblem, type SignedCheckpoint } from './statement.js';
import { checkTreeHead, signTreeHead, treeHeadOrigin } from './tree-head.js';
import { GENESIS, walkedLeafHash, walkChain, type Break, type ChainPoint } from './walk.js';

export interface SignOptions {
  now?: () => Date;
}

export interface SignAtOptions extends SignOptions {
  /** The root of the tree of `point.position` events, verified by the caller: a tree head is signed with the statement. */
  treeRoot?: Uint8Array | null;
}

/** A statement the log must still hold, with the tree head signed with it, both checked. */
interface Held {
  statement: SignedCheckpoint;
  /** The root its tree head signed, when it has a valid one. */
  root: Uint8Array | null;
}

/**
 * Sign the current head of the log, and its tree, and keep both in `checkpoints`, while no
 * other process signs (CheckpointStore.whileSigning): each statement is checked against the last.
 */
export async function signCheckpoint(store: EventStore, key: SigningKey, checkpoints: CheckpointStore, options: SignOptions = {}): Promise<StoredCheckpoint> {
  return (await checkpoints.whileSigning(() => signHead(store, key, checkpoints, options))) as StoredCheckpoint;
}

/** signCheckpoint's work, for a caller already holding the signing turn. */
export async function signHead(store: EventStore, key: SigningKey, checkpoints: CheckpointStore, options: SignOptions = {}): Promise<StoredCheckpoint> {
  const head = await store.headPosition();
  if (head === 0) throw new IntegrityError('LEDGER_EMPTY', 'the log has no events yet: there is nothing to sign');
  const origin = treeHeadOrigin(await checkpoints.ledgerId());

  // Highest position first; only the statements needed are checked (a signature check is ~0.1 ms).
  const kept = (await checkpoints.list()).sort((a, b) => b.statement.position - a.statement.position);
  const isValid = (c: StoredCheckpoint) => signatureProblem(c.statement, key.publicKey) === null;
  const ahead = kept.find((c) => c.statement.position > head && isValid(c));
  if (ahead) {
    throw new IntegrityError(
      'CHAIN_BROKEN',
      `the log ends at position ${head}, but this ledger signed position ${ahead.statement.position} at ${ahead.statement.signedAt}: the log was truncated`,
      { brokenAt: head + 1, problem: 'truncated' },
    );
  }

  // Start from the highest valid statement, or (on a store with a tree) the highest one whose tree head is valid too.
  const held: Held[] = [];
  let base: Held | undefined;
  for (const c of kept) {
    if (c.statement.position > head || !isValid(c)) continue;
    const treeHead = c.treeHead ? await checkTreeHead(c.treeHead, key.publicKey, origin) : null;
    const root = treeHead?.ok && treeHead.checkpoint.size === c.statement.position ? treeHead.checkpoint.rootHash : null;
    const entry = { statement: c.statement, root };
    if (!base && (!store.tree || root)) base = entry;
    if (!base) held.push(entry);
  }
  const from = base ? await pointOf(store, base.statement) : GENESIS;
  let tree: TreeCheck | null = null;
  if (store.tree) {
    tree = base ? await TreeCheck.fromSize(store.tree, from.position, base.root as Uint8Array, signedRoots(held)) : TreeCheck.fromStart(store.tree, signedRoots(held));
    if (!tree) {
      throw new IntegrityError('TREE_BROKEN', `the stored Merkle tree of ${from.position} events no longer has the root this ledger signed; run a full verification`, {
        brokenAt: from.position,
        problem: 'rewritten',
      });
    }
  }

  // Statements signed between the base and the head are checked as the walk passes them.
  const hashesAt = new Map<number, SignedCheckpoint[]>();
  for (const { statement } of held) hashesAt.set(statement.position, [...(hashesAt.get(statement.position) ?? []), statement]);
  let problem = 'chain';
  const walk = await walkChain(store, {
    from,
    upTo: head,
    beforePage: (events) => tree?.prefetch(events.length) ?? Promise.resolve(),
    leaves: tree !== null,
    onVerified: (event, point): Break | undefined => {
      const broken = tree?.addLeafHash(walkedLeafHash(event));
      if (broken) {
        problem = broken.problem;
        return broken;
      }
      const other = hashesAt.get(point.position)?.find((s) => s.headHash !== point.hash);
      if (other) {
        problem = 'rewritten';
        return { brokenAt: point.position, reason: `the checkpoint signed at ${other.signedAt} says hash ${other.headHash} at position ${point.position}, the chain now ${point.hash}` };
      }
      const rootBreak = tree?.signedRootBreak();
      if (rootBreak) problem = rootBreak.problem;
      return rootBreak;
    },
  });
  if (walk.ok === null) throw new IntegrityError('NO_HASH_CHAIN', `${walk.reason}: there is nothing to sign`);
  if (!walk.ok) {
    const code = problem === 'tree' ? 'TREE_BROKEN' : 'CHAIN_BROKEN';
    throw new IntegrityError(code, `the log does not verify at position ${walk.brokenAt} (${walk.reason}); run a full verification`, {
      brokenAt: walk.brokenAt,
      problem,
    });
  }
  if (walk.head.position !== head) {
    throw new IntegrityError('CHAIN_BROKEN', `the log ends at position ${walk.head.position}, though its head was reported at ${head}`, {
      brokenAt: walk.head.position + 1,
      problem: 'chain',
    });
  }
  return signAt(key, checkpoints, walk.head, { ...options, treeRoot: tree?.root() ?? null });
}

/**
 * Sign (position, hash) as given, and the tree of `position` events with `treeRoot` when given,
 * and keep them: for callers that verified the chain and the tree to there themselves.
 */
export async function signAt(key: SigningKey, checkpoints: CheckpointStore, point: ChainPoint, options: SignAtOptions = {}): Promise<StoredCheckpoint> {
  const { treeRoot } = options;
  const ledger = await checkpoints.ledgerId();
  const statement = signStatement(key, {
    ledger,
    position: point.position,
    headHash: point.hash,
    signedAt: (options.now?.() ?? new Date()).toISOString(),
  });
  const treeHead = treeRoot ? signTreeHead(key, treeHeadOrigin(ledger), point.position, treeRoot) : null;
  return checkpoints.record(statement, treeHead);
}

function signedRoots(held: readonly Held[]): Map<number, SignedRoot[]> {
  const roots = new Map<number, SignedRoot[]>();
  for (const { statement, root } of held) {
    if (root) roots.set(statement.position, [...(roots.get(statement.position) ?? []), { rootHash: root, label: `at ${statement.signedAt}` }]);
  }
  return roots;
}

/** The base checkpoint as a chain point, once the log is seen to still hold its hash there. */
async function pointOf(store: EventStore, checkpoint: SignedCheckpoint): Promise<ChainPoint> {
  const [event] = await store.readAll({ after: checkpoint.position - 1, maxCount: 1 });
  if (event?.position !== checkpoint.position || event.hash !== checkpoint.headHash) {
    throw new IntegrityError(
      'CHAIN_BROKEN',
      `the log no longer has hash ${checkpoint.headHash} at position ${checkpoint.position}, as signed at ${checkpoint.signedAt}; run a full verification`,
      { brokenAt: checkpoint.position, problem: 'rewritten' },
    );
  }
  return { position: checkpoint.position, hash: checkpoint.headHash };
}
