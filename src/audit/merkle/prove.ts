// Inclusion and consistency proofs, served from the stored tree (RFC 6962 §2.1.1, §2.1.2).
// Every proof is checked before it leaves: the leaf is hashed from the event as it is stored
// now (never from the stored leaf node), and the proof must lead to the tree's root. A log
// that was altered since therefore gets a refusal naming the position, not a proof that fails
// at the client.
//
// For routes: the API's auditor route calls these directly. A public route (the public site's
// "check this" link) passes `mayProve`, so it can prove only the events it shows; the answer
// for any other position is NotProvable, given before anything about that position is read.

import type { EventStore, MerkleTreeStore, StoredEvent } from '../../store/port.js';
import { NotProvable, ProofRequestError, TreeUnavailable } from './errors.js';
import { leafHash, leafTextOf } from './hash.js';
import { nodeCrypto } from './node-crypto.js';
import { consistencyPlan, inclusionPlan, rootPlan } from './proof-plan.js';
import { hashesOf, storedRoot } from './tree-reader.js';
import { VerificationError, verifyConsistency, verifyInclusion } from './verifier.js';

export interface InclusionProof {
  /** The event's log position; its leaf index is position − 1. */
  position: number;
  /** The tree size the proof is for. */
  size: number;
  leafIndex: number;
  /** The leaf: the event's bytes, as UTF-8 text, exactly as hashed (header, data, metadata; one per line). */
  leaf: string;
  /** base64 SHA-256(0x00 ‖ leaf). */
  leafHash: string;
  /** base64 hashes, from the leaf up. */
  proof: string[];
  /** base64 root of the tree of `size` leaves. */
  rootHash: string;
}

export interface ConsistencyProof {
  from: number;
  to: number;
  /** base64 hashes (RFC 6962 §2.1.2 order). */
  proof: string[];
  fromRoot: string;
  toRoot: string;
}

export interface ProveOptions {
  /** Whether the caller may have a proof of this position; default: any. */
  mayProve?: (position: number) => boolean | Promise<boolean>;
}

interface Provable {
  tree: MerkleTreeStore;
  readStored: NonNullable<EventStore['readStored']>;
}

function provable(store: EventStore): Provable {
  if (!store.tree || !store.readStored) throw new TreeUnavailable('NO_MERKLE_TREE', 'this store keeps no Merkle tree: there is nothing to prove against');
  return { tree: store.tree, readStored: store.readStored.bind(store) };
}

/** A proof that the event at `position` is leaf position − 1 of the tree of `size` leaves (1 ≤ position ≤ size ≤ head). */
export async function proveInclusion(store: EventStore, request: { position: number; size: number }, options: ProveOptions = {}): Promise<InclusionProof> {
  const { position, size } = request;
  if (options.mayProve && !(await options.mayProve(position))) throw new NotProvable(`there is no event at position ${position} to prove here`);
  const { tree, readStored } = provable(store);
  await checkSizes(store, [
    ['position', position],
    ['size', size],
  ]);
  if (position > size) throw new ProofRequestError('position', `position ${position} is not in a tree of ${size} events: it must be at most size`);

  const [event] = await readStored({ after: position - 1, maxCount: 1 });
  if (!event || event.position !== position) {
    throw new TreeUnavailable('TREE_BROKEN', `the log has no event at position ${position} any more; run ledger verify`, { brokenAt: position });
  }
  const leaf = leafTextOf(event as StoredEvent);
  const hash = leafHash(leaf);
  const [root, ...proof] = await hashesOf(tree, [rootPlan(size), ...inclusionPlan(position - 1, size)]);
  try {
    await verifyInclusion(position - 1, size, hash, proof, root as Buffer, nodeCrypto);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    throw new TreeUnavailable(
      'TREE_BROKEN',
      `the event at position ${position} no longer matches the Merkle tree (it was changed after it was written); run ledger verify`,
      { brokenAt: position },
    );
  }
  return {
    position,
    size,
    leafIndex: position - 1,
    leaf,
    leafHash: hash.toString('base64'),
    proof: proof.map((h) => h.toString('base64')),
    rootHash: (root as Buffer).toString('base64'),
  };
}

/** A proof that the tree of `to` leaves extends the tree of `from` leaves (1 ≤ from ≤ to ≤ head). */
export async function proveConsistency(store: EventStore, request: { from: number; to: number }): Promise<ConsistencyProof> {
  const { from, to } = request;
  const { tree } = provable(store);
  await checkSizes(store, [
    ['from', from],
    ['to', to],
  ]);
  if (from > to) throw new ProofRequestError('from', `from (${from}) must be at most to (${to}): a tree only grows`);
  const [fromRoot, toRoot, ...proof] = await hashesOf(tree, [rootPlan(from), rootPlan(to), ...(from === to ? [] : consistencyPlan(from, to))]);
  try {
    await verifyConsistency(from, to, proof, fromRoot as Buffer, toRoot as Buffer, nodeCrypto);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    throw new TreeUnavailable('TREE_BROKEN', `the stored Merkle tree does not hold together between sizes ${from} and ${to}; run ledger verify`, { brokenAt: from });
  }
  return { from, to, proof: proof.map((h) => h.toString('base64')), fromRoot: (fromRoot as Buffer).toString('base64'), toRoot: (toRoot as Buffer).toString('base64') };
}

/** The root of the stored tree at `size` leaves (1 ≤ size ≤ head). */
export async function rootAt(store: EventStore, size: number): Promise<Buffer> {
  const { tree } = provable(store);
  await checkSizes(store, [['size', size]]);
  return storedRoot(tree, size);
}

/** Each named size must be a whole number from 1 to the log's head. */
async function checkSizes(store: EventStore, sizes: readonly [string, number][]): Promise<void> {
  let head: number | undefined;
  for (const [field, value] of sizes) {
    if (!Number.isSafeInteger(value) || value < 1) throw new ProofRequestError(field, `${field} must be a whole number from 1`);
    head ??= await store.headPosition();
    if (value > head) throw new ProofRequestError(field, `${field} ${value} is beyond the log, which has ${head} events`);
  }
}

