// Tamper evidence on EventStoreDB: the design (docs/tamper-evidence.md, "On EventStoreDB"),
// as the functions a verifier needs. The adapter does not write these links yet.
//
// EventStoreDB gives each event its log position only when the server commits it, and
// appends to different streams commit concurrently, so no writer can chain an event to
// "the previous event of the log". Each writer can chain it to the previous event of its
// own stream, though: every append names an exact expected revision, so two writers can
// never both extend one stream from the same link. So:
//
//   1. a chain per stream, written by the adapter in each event's metadata,
//        $ledger.hash = SHA-256(previous hash of the stream ‖ canonical JSON of
//                               { streamId, revision, id, type, version, data, metadata })
//      (genesis hash before revision 0; `position` is left out: the writer does not know it),
//      read back as the port's `hash`;
//   2. a log digest folded over $all in log order by whoever verifies or signs,
//        digest = SHA-256(previous digest ‖ canonical JSON of { position, streamId, revision, hash }),
//      signed in the same checkpoint statements as on SQLite, `headHash` being the digest.
//
// The stream chains catch a changed, deleted or reordered event inside a stream, at once;
// the signed digests catch what they cannot: the end of a stream (or of the log) cut off,
// a stream deleted, or the order of $all changed.

import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalJson } from '../../store/chain.js';
import type { RecordedEvent } from '../../store/port.js';
import { GENESIS, NO_CHAIN_REASON, PAGE_SIZE, readPage, type ChainPoint, type ChainWalker } from './walk.js';

/** The link of one event in its stream's chain: what the adapter would store as `$ledger.hash`. */
export function streamLinkHash(previousHash: string, event: Omit<RecordedEvent, 'hash' | 'position'>): string {
  const { streamId, revision, id, type, version, data, metadata } = event;
  return createHash('sha256')
    .update(previousHash, 'hex')
    .update(canonicalJson({ streamId, revision, id, type, version, data, metadata }), 'utf8')
    .digest('hex');
}

/** One step of the log digest over $all. */
export function logDigestStep(previousDigest: string, event: Pick<RecordedEvent, 'position' | 'streamId' | 'revision' | 'hash'>): string {
  const { position, streamId, revision, hash } = event;
  return createHash('sha256').update(previousDigest, 'hex').update(canonicalJson({ position, streamId, revision, hash }), 'utf8').digest('hex');
}

/**
 * Walk $all checking every stream's chain and folding the log digest; the points it
 * reports carry the digest, so verifyLedgerWith(store, { walker: walkStreamChains, evidence })
 * checks signed checkpoints of the digest exactly as it checks SQLite's. It keeps each
 * stream's head (revision and hash) in memory: about 100 bytes per stream.
 */
export const walkStreamChains: ChainWalker = async (store, options) => {
  if (options.from && options.from.position !== 0) throw new RangeError('stream chains are walked from the start of the log');
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  const heads = new Map<string, { revision: number; hash: string }>();
  let point: ChainPoint = GENESIS;
  let checked = 0;
  for (;;) {
    const read = await readPage(store, point.position, PAGE_SIZE);
    if ('brokenAt' in read) return { ok: false, ...read, checked, lastGood: point };
    if (read.events.length === 0) break;
    for (const event of read.events) {
      if (event.position > upTo) return { ok: true, head: point, checked };
      if (checked === 0 && event.hash === null) return { ok: null, reason: NO_CHAIN_REASON, checked: 0 };
      const broken = (reason: string) => ({ ok: false as const, brokenAt: event.position, reason, checked, lastGood: point });
      if (event.position <= point.position) return broken(`position ${event.position} does not follow ${point.position}`);
      const head = heads.get(event.streamId);
      const revision = head ? head.revision + 1 : 0;
      if (event.revision !== revision) return broken(`${event.streamId}: expected revision ${revision}, found ${event.revision}`);
      if (event.hash !== streamLinkHash(head?.hash ?? GENESIS_HASH, event)) {
        return broken(`${event.streamId}@${event.revision}: hash does not match the event and its predecessor in the stream`);
      }
      heads.set(event.streamId, { revision, hash: event.hash });
      const next = { position: event.position, hash: logDigestStep(point.hash, event) };
      const stop = options.onVerified?.(event, next);
      if (stop) return { ok: false, ...stop, checked, lastGood: point };
      point = next;
      checked++;
    }
    options.onProgress?.(checked, point.position);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ok: true, head: point, checked };
};
