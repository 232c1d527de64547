// The Merkle tree computed from scratch, as RFC 6962 §2.1 defines it, to hold the ledger's
// stored tree and served proofs against: leaves hashed from the events as read back (through
// verifier.js's own leaf text, not the store's), ranges hashed by the RFC's recursion.

import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../../src/store/port.js';
import { leafText } from '../../src/audit/merkle/verifier.js';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** SHA-256(0x00 ‖ leaf), the leaf given as its text (UTF-8) or its bytes. */
export const referenceLeafHash = (leaf: string | Uint8Array): Buffer => sha256(Buffer.of(0), typeof leaf === 'string' ? Buffer.from(leaf, 'utf8') : leaf);
export const referenceNodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.of(1), left, right);

/** MTH(D[a:b]) over `leaves` (leaf hashes), by the RFC's recursion: split at the largest power of two below the size. */
export function mth(leaves: readonly Buffer[], a = 0, b = leaves.length): Buffer {
  if (b - a === 0) return sha256();
  if (b - a === 1) return leaves[a] as Buffer;
  let k = 1;
  while (k * 2 < b - a) k *= 2;
  return referenceNodeHash(mth(leaves, a, a + k), mth(leaves, a + k, b));
}

/** Every event of the log, in order. */
export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll({ maxCount: 1_000 }); page.length > 0; page = await store.readAll({ after: page.at(-1)?.position, maxCount: 1_000 })) {
    events.push(...page);
  }
  return events;
}

/** The leaf hashes of the log's events, from their published form. */
export async function referenceLeaves(store: EventStore): Promise<Buffer[]> {
  return (await allEvents(store)).map((event) => referenceLeafHash(leafText(event)));
}
