// The tamper-evident chain: each recorded event links to the one before it,
// hash = SHA-256(previous hash ‖ the event's bytes as stored). Changing, removing or
// reordering any event breaks every link after it.
//
// Chain format 2 (the ledger file's user_version): a link is the SHA-256, in hex, of the
// UTF-8 text
//   previous link (64 hex digits)                                           "\n"
//   canonical JSON of { id, position, revision, streamId, type, version }  "\n"
//   the stored data JSON                                                    "\n"
//   the stored metadata JSON
// where the store writes data and metadata as canonical JSON. Canonical JSON never
// contains a raw newline, so the newlines frame the parts unambiguously: a verifier
// hashes the stored columns as they are, without parsing them, and a row whose bytes
// moved between columns, or that is no longer the JSON the writer stored, fails its
// link. (Format 1 hashed the canonical JSON of the parsed event, so every verification
// re-parsed and re-serialised every event; it was never deployed.)

import { createHash, hash as oneShotHash } from 'node:crypto';
import type { RecordedEvent, StoredEvent } from './port.js';

/** The hash before the first event: 32 zero bytes, hex. */
export const GENESIS_HASH = '0'.repeat(64);

/** The layout of the bytes each link hashes; the SQLite store records it as the file's user_version. */
export const CHAIN_FORMAT = 2;

/**
 * JSON with object keys sorted at every depth, so the same value always gives the same bytes.
 * Exactly JSON.stringify's output for an object whose keys were inserted sorted: integer-like
 * keys come first in numeric order (as JavaScript enumerates them), then the others sorted by
 * code unit. Written out by hand because a JSON.stringify replacer that copies every object
 * is several times slower, and the store canonicalises every event it writes.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) as string;
}

function serialise(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON('');
  }
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'bigint':
      // As JSON.stringify does: a TypeError.
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += serialiseMember(value[i], String(i)) ?? 'null';
        }
        return `${out}]`;
      }
      const object = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of sortedKeys(object)) {
        const member = serialiseMember(object[key], key);
        if (member === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      // undefined, functions and symbols have no JSON: left out of objects, null in arrays.
      return undefined;
  }
}

function serialiseMember(value: unknown, key: string): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialise((value as { toJSON(key: string): unknown }).toJSON(key));
  }
  return serialise(value);
}

/** Array indices (canonical integers below 2^32 - 1) enumerate first, numerically, as in any JavaScript object. */
function isIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  if (key === '0') return true;
  const code = key.charCodeAt(0);
  if (code < 49 || code > 57) return false;
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(key) < 4_294_967_295;
}

function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object);
  // Object.keys already lists indices first, numerically; only the rest need sorting.
  let indices = 0;
  while (indices < keys.length && isIndex(keys[indices] as string)) indices++;
  if (indices === 0) return keys.sort();
  const rest = keys.slice(indices).sort();
  keys.length = indices;
  return keys.concat(rest);
}

/** The fields of a link besides data and metadata: canonical JSON, built directly (the keys are fixed and sorted). */
function header(event: Omit<StoredEvent, 'hash' | 'dataJson' | 'metadataJson'>): string {
  return (
    `{"id":${JSON.stringify(event.id)},"position":${JSON.stringify(event.position)},"revision":${JSON.stringify(event.revision)},` +
    `"streamId":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)},"version":${JSON.stringify(event.version)}}`
  );
}

/** What the link of an event covers, given its stored data and metadata JSON. */
export function chainedBytes(event: Omit<StoredEvent, 'hash'>): string {
  return `${header(event)}\n${event.dataJson}\n${event.metadataJson}`;
}

/** The link of an event as stored: its bytes are hashed as they are, nothing is parsed. */
export function storedChainHash(previousHash: string, event: Omit<StoredEvent, 'hash'>): string {
  return sha256Hex(`${previousHash}\n${chainedBytes(event)}`);
}

/** crypto.hash (one call, no Hash object: about twice as fast per event) where Node has it (20.12+), else the same digest the long way. */
const sha256Hex: (text: string) => string =
  typeof oneShotHash === 'function' ? (text) => oneShotHash('sha256', text, 'hex') : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The link of an event given as values (a bundle's events, a test's forgery): the same
 * hash, because the store writes data and metadata as their canonical JSON.
 */
export function chainHash(previousHash: string, event: Omit<RecordedEvent, 'hash'>): string {
  return storedChainHash(previousHash, { ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(event.metadata) });
}

export type ChainCheck =
  | { ok: true; headPosition: number; headHash: string; checked: number }
  | { ok: false; brokenAt: number; reason: string; checked: number };

type Linked = { position: number; hash: string | null };

/**
 * Recompute the chain over events given in position order, starting from
 * `previousHash` (GENESIS_HASH for the first event of the log).
 */
export function verifyChain(events: Iterable<RecordedEvent>, previousHash = GENESIS_HASH, previousPosition = 0): ChainCheck {
  return verifyLinks(events, chainHash, previousHash, previousPosition);
}

/** The same over events as stored, without parsing their JSON: what verifiers of a SQLite log use. */
export function verifyStoredChain(events: Iterable<StoredEvent>, previousHash = GENESIS_HASH, previousPosition = 0): ChainCheck {
  return verifyLinks(events, storedChainHash, previousHash, previousPosition);
}

function verifyLinks<E extends Linked>(
  events: Iterable<E>,
  link: (previousHash: string, event: E) => string,
  previousHash: string,
  previousPosition: number,
): ChainCheck {
  let hash = previousHash;
  let position = previousPosition;
  let checked = 0;
  for (const event of events) {
    if (event.position !== position + 1) {
      return { ok: false, brokenAt: position + 1, reason: `expected position ${position + 1}, found ${event.position}`, checked };
    }
    const expected = link(hash, event);
    if (event.hash !== expected) {
      return { ok: false, brokenAt: event.position, reason: 'hash does not match the event and its predecessor', checked };
    }
    hash = expected;
    position = event.position;
    checked++;
  }
  return { ok: true, headPosition: position, headHash: hash, checked };
}
