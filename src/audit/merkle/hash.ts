// RFC 6962 §2.1 hashing, synchronous (node:crypto), for the store and the server:
//   leaf hash = SHA-256(0x00 ‖ leaf bytes), node hash = SHA-256(0x01 ‖ left ‖ right).
// The distinct prefixes keep a leaf from ever passing for an interior node (second preimages).
// verifier.js does the same with WebCrypto for browsers; tests hold the two to the same vectors.

import { createHash, hash as oneShotHash } from 'node:crypto';
import type { StoredEvent } from '../../store/port.js';
import { chainedBytes } from '../../store/chain.js';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.of(0x00);
const NODE_PREFIX = 0x01;

const sha256: (data: Uint8Array) => Buffer =
  typeof oneShotHash === 'function' ? (data) => oneShotHash('sha256', data, 'buffer') : (data) => createHash('sha256').update(data).digest();
/** SHA-256 of a string's UTF-8. */
const sha256Text: (text: string) => Buffer =
  typeof oneShotHash === 'function' ? (text) => oneShotHash('sha256', text, 'buffer') : (text) => createHash('sha256').update(text, 'utf8').digest();

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Buffer = sha256(new Uint8Array(0));

export function leafHash(leaf: Uint8Array | string): Buffer {
  // U+0000 is the single byte 0x00 in UTF-8: hashing the string "\0" + text hashes 0x00 ‖ its UTF-8,
  // without building the bytes here (about half the cost).
  return typeof leaf === 'string' ? sha256Text(`\u0000${leaf}`) : sha256(Buffer.concat([LEAF_PREFIX, leaf]));
}

/** 0x01 ‖ left ‖ right, written into one buffer reused by every call (hashing is synchronous). */
const children = Buffer.alloc(1 + 2 * HASH_SIZE, NODE_PREFIX);

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha256(Buffer.concat([Buffer.of(NODE_PREFIX), left, right]));
  children.set(left, 1);
  children.set(right, 1 + HASH_SIZE);
  return sha256(children);
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
