// The tree heads the ledger hands out: only those whose signature by its own key verifies,
// so a head edited into server.db is never served as the ledger's.

import type { LedgerIntegrity } from './ledger-integrity.js';
import { checkTreeHead, treeHeadOrigin } from './tree-head.js';

export interface SignedTreeHead {
  /** The note, as signed: C2SP tlog-checkpoint text, a blank line, the signature line. */
  note: string;
  size: number;
  /** base64. */
  rootHash: string;
}

/** Notes already checked, by their text, with the key and origin they were checked against: a proof request then costs no signature check. */
const checked = new Map<string, SignedTreeHead | null>();
const CHECKED_MAX = 256;

async function valid(note: string, integrity: LedgerIntegrity): Promise<SignedTreeHead | null> {
  const origin = treeHeadOrigin(integrity.ledgerId);
  const key = `${integrity.key.keyId}\n${origin}\n${note}`;
  if (checked.has(key)) return checked.get(key) ?? null;
  const check = await checkTreeHead(note, integrity.key.publicKey, origin);
  const head = check.ok ? { note, size: check.checkpoint.size, rootHash: Buffer.from(check.checkpoint.rootHash).toString('base64') } : null;
  if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value as string);
  checked.set(key, head);
  return head;
}

async function firstValid(notes: readonly string[], integrity: LedgerIntegrity): Promise<SignedTreeHead | null> {
  for (const note of notes) {
    const head = await valid(note, integrity);
    if (head) return head;
  }
  return null;
}

/** The ledger's signed tree head of exactly `size` events, if it signed one. */
export async function signedTreeHeadAt(integrity: LedgerIntegrity, size: number): Promise<SignedTreeHead | null> {
  return firstValid(await integrity.checkpoints.treeHeadsOfSize(size), integrity);
}

/** The ledger's signed tree head of the largest size. */
export async function latestSignedTreeHead(integrity: LedgerIntegrity): Promise<SignedTreeHead | null> {
  return firstValid(await integrity.checkpoints.largestTreeHeads(), integrity);
}
