// The tamper-evident chain: each recorded event links to the one before it,
// hash = SHA-256(previous hash ‖ canonical bytes of the event). Changing,
// removing or reordering any event breaks every link after it.

import { createHash } from 'node:crypto';
import type { RecordedEvent } from './port.js';

/** The hash before the first event: 32 zero bytes, hex. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same event always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      // A null prototype so a key named "__proto__" is kept as data, not taken as the prototype.
      const sorted: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** The fields the chain covers: everything the store recorded except the hash itself. */
export function chainedBytes(event: Omit<RecordedEvent, 'hash'>): string {
  return canonicalJson({
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    version: event.version,
    data: event.data,
    metadata: event.metadata,
  });
}

export function chainHash(previousHash: string, event: Omit<RecordedEvent, 'hash'>): string {
  return createHash('sha256').update(previousHash, 'hex').update(chainedBytes(event), 'utf8').digest('hex');
}

export type ChainCheck =
  | { ok: true; headPosition: number; headHash: string; checked: number }
  | { ok: false; brokenAt: number; reason: string; checked: number };

/**
 * Recompute the chain over events given in position order, starting from
 * `previousHash` (GENESIS_HASH for the first event of the log).
 */
export function verifyChain(events: Iterable<RecordedEvent>, previousHash = GENESIS_HASH, previousPosition = 0): ChainCheck {
  let hash = previousHash;
  let position = previousPosition;
  let checked = 0;
  for (const event of events) {
    if (event.position !== position + 1) {
      return { ok: false, brokenAt: position + 1, reason: `expected position ${position + 1}, found ${event.position}`, checked };
    }
    const expected = chainHash(hash, event);
    if (event.hash !== expected) {
      return { ok: false, brokenAt: event.position, reason: 'hash does not match the event and its predecessor', checked };
    }
    hash = expected;
    position = event.position;
    checked++;
  }
  return { ok: true, headPosition: position, headHash: hash, checked };
}
