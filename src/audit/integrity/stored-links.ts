// The chain link and the Merkle leaf of a stored event cover the same bytes (store/chain.ts
// chainedBytes) behind different prefixes: link = SHA-256(previous link "\n" bytes), leaf =
// SHA-256(0x00 bytes). Verification needs both for every event, so the bytes are encoded to
// UTF-8 once, behind a 65-byte prefix, and hashed twice in place: the link over the whole
// buffer, then, with the byte before them set to 0x00, the leaf over [64, end). The results
// are exactly storedChainHash's and merkle/hash.ts leafHashOf's (test/audit/stored-links.test.ts holds them so).

import { createHash, hash as oneShotHash } from 'node:crypto';
import { chainedBytes, storedChainHash, type ChainCheck } from '../../store/chain.js';
import type { StoredEvent } from '../../store/port.js';
import { leafHash } from '../merkle/hash.js';

const LINK_HEX = 64;
/** A link as the chain computes it; a `from` point given otherwise takes the text path. */
const LINK = /^[0-9a-f]{64}$/;
const PREFIX = LINK_HEX + 1;

const sha256Hex: (data: Uint8Array) => string =
  typeof oneShotHash === 'function' ? (data) => oneShotHash('sha256', data, 'hex') : (data) => createHash('sha256').update(data).digest('hex');
const sha256: (data: Uint8Array) => Buffer =
  typeof oneShotHash === 'function' ? (data) => oneShotHash('sha256', data, 'buffer') : (data) => createHash('sha256').update(data).digest();

/** Reused by every call (hashing is synchronous); grown for a larger event. */
let scratch = Buffer.alloc(64 * 1024);

/**
 * The chain over `events` from `previousHash` (as verifyStoredChain), and, when `leaves` is
 * given, each verified event's leaf hash pushed onto it in order.
 */
export function checkStoredLinks(events: readonly StoredEvent[], previousHash: string, previousPosition: number, leaves?: Buffer[]): ChainCheck {
  let hash = previousHash;
  let position = previousPosition;
  let checked = 0;
  for (const event of events) {
    if (event.position !== position + 1) {
      return { ok: false, brokenAt: position + 1, reason: `expected position ${position + 1}, found ${event.position}`, checked };
    }
    let expected: string;
    if (!leaves) expected = storedChainHash(hash, event);
    else if (checked > 0 || LINK.test(hash)) expected = linkAndLeaf(hash, event, leaves);
    else {
      leaves.push(leafHash(chainedBytes(event)));
      expected = storedChainHash(hash, event);
    }
    if (event.hash !== expected) {
      if (leaves) leaves.pop();
      return { ok: false, brokenAt: event.position, reason: 'hash does not match the event and its predecessor', checked };
    }
    hash = expected;
    position = event.position;
    checked++;
  }
  return { ok: true, headPosition: position, headHash: hash, checked };
}

/** The event's link after `previous` (64 hex digits), its leaf hash pushed onto `leaves`. */
function linkAndLeaf(previous: string, event: StoredEvent, leaves: Buffer[]): string {
  const bytes = chainedBytes(event);
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (scratch.length < PREFIX + 3 * bytes.length) scratch = Buffer.alloc(PREFIX + 3 * bytes.length);
  if (scratch.write(previous, 0, 'latin1') !== LINK_HEX) throw new Error('unreachable: a 64-character link takes 64 bytes');
  scratch[LINK_HEX] = 0x0a;
  const end = PREFIX + scratch.write(bytes, PREFIX, 'utf8');
  const link = sha256Hex(scratch.subarray(0, end));
  scratch[LINK_HEX] = 0x00;
  leaves.push(sha256(scratch.subarray(LINK_HEX, end)));
  return link;
}
