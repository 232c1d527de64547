// RFC 6962 §2.1 hashing, synchronous (node:crypto), for the store and the server:
//   leaf hash = SHA-256(0x00 ‖ leaf bytes), node hash = SHA-256(0x01 ‖ left ‖ right).
// The distinct prefixes keep a leaf from ever passing for an interior node (second preimages).
// verifier.js does the same with WebCrypto for browsers; tests hold the two to the same vectors.

import { createHash, hash as oneShotHash } from 'node:crypto';
import type { StoredEvent } from '../../store/port.js';
import { chainedBytes } from '../../store/chain.js';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.of(0x00);
const NODE_PREFIX = Buffer.of(0x01);

const sha256: (data: Uint8Array) => Buffer =
  typeof oneShotHash === 'function' ? (data) => oneShotHash('sha256', data, 'buffer') : (data) => createHash('sha256').update(data).digest();

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Buffer = sha256(new Uint8Array(0));

export function leafHash(leaf: Uint8Array | string): Buffer {
  if (typeof leaf !== 'string') return sha256(Buffer.concat([LEAF_PREFIX, leaf]));
  // The prefix and the text's UTF-8 in one buffer, copied once.
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(leaf, 'utf8'));
  bytes[0] = 0x00;
  bytes.write(leaf, 1, 'utf8');
  return sha256(bytes);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Buffer.concat([NODE_PREFIX, left, right]));
}

/**
 * An event's leaf: exactly the bytes its chain link covers after the previous link
 * (store/chain.ts chainedBytes), so anyone holding the event as published recomputes it:
 *   canonical JSON of { id, position, revision, streamId, type, version } "\n" data "\n" metadata
 */
export function leafTextOf(event: Omit<StoredEvent, 'hash'>): string {
  return chainedBytes(event);
}

export function leafHashOf(event: Omit<StoredEvent, 'hash'>): Buffer {
  return leafHash(leafTextOf(event));
}
