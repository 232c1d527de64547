// Checking a trace bundle (version 2) offline: the tree head must be signed by the bundle's key
// (and that key be the one the auditor gives, when given) for this ledger's log; every event,
// in position order with no repeat, must be proved in that tree by its own inclusion proof, its
// leaf recomputed from the event as written; and the file must be byte for byte what the
// exporter writes. The checks are verifier.js's, the same a journalist's browser runs.

import type { KeyObject } from 'node:crypto';
import { keyIdOf, publicKeyFrom, publishedKey, rawPublicKey } from '../integrity/signing-key.js';
import { treeHeadOrigin } from '../integrity/tree-head.js';
import { nodeCrypto } from '../merkle/node-crypto.js';
import { fromBase64, leafHash, openCheckpoint, VerificationError, verifyInclusion, type Checkpoint } from '../merkle/verifier.js';
import { renderTraceBundle, renderTraceHeader, traceBundleSchema, type TraceBundle } from './trace-format.js';

export type TraceBundleCheck =
  | {
      ok: true;
      kind: 'trace';
      ledger: string;
      decision: string;
      events: number;
      positions: number[];
      treeSize: number;
      rootHash: string;
      keyId: string;
      keyTrusted: boolean;
    }
  | { ok: false; reason: string; position?: number; line?: number };

export async function verifyTraceBundle(contents: string, raw: unknown, options: { publicKey?: string | KeyObject } = {}): Promise<TraceBundleCheck> {
  const parsed = traceBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, reason: `not an audit bundle: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}` };
  }
  // The values as parsed, not as zod rebuilt them: the leaves are over exactly what the file says.
  const bundle = raw as TraceBundle;
  const firstLine = renderTraceHeader(bundle).split('\n').length;

  let key: KeyObject;
  try {
    key = publicKeyFrom(bundle.publicKey.pem);
  } catch (error) {
    return { ok: false, reason: `the bundle's public key cannot be read: ${(error as Error).message}` };
  }
  const published = publishedKey(key);
  if (published.raw !== bundle.publicKey.raw || published.keyId !== bundle.publicKey.keyId) {
    return { ok: false, reason: "the bundle's public key does not agree with itself (PEM, raw and key id differ)" };
  }
  if (options.publicKey !== undefined) {
    let given: KeyObject;
    try {
      given = typeof options.publicKey === 'string' ? publicKeyFrom(options.publicKey) : options.publicKey;
    } catch (error) {
      return { ok: false, reason: `the public key given cannot be read: ${(error as Error).message}` };
    }
    if (keyIdOf(given) !== published.keyId) return { ok: false, reason: `the bundle is signed with key ${published.keyId}, not with the key given (${keyIdOf(given)})` };
  }

  let head: Checkpoint;
  try {
    head = await openCheckpoint(bundle.treeHead, { publicKey: rawPublicKey(key), origin: treeHeadOrigin(bundle.ledger) }, nodeCrypto);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    return { ok: false, reason: `the tree head: ${error.message}`, line: 7 };
  }

  let previous = 0;
  for (const [index, event] of bundle.events.entries()) {
    const line = firstLine + index;
    if (event.position <= previous) return { ok: false, reason: `the events are not in position order: ${event.position} follows ${previous}`, position: event.position, line };
    previous = event.position;
    try {
      const proof = event.proof.map((hash, i) => fromBase64(hash, `proof[${i}]`, 32));
      await verifyInclusion(event.position - 1, head.size, await leafHash(event, nodeCrypto), proof, head.rootHash, nodeCrypto);
    } catch (error) {
      if (!(error instanceof VerificationError)) throw error;
      return { ok: false, reason: `the event at position ${event.position} is not proved in the signed tree of ${head.size} events: ${error.message}`, position: event.position, line };
    }
  }

  const expected = renderTraceBundle(bundle);
  if (expected !== contents) {
    let at = 0;
    while (at < expected.length && expected[at] === contents[at]) at++;
    const line = contents.slice(0, at).split('\n').length;
    return { ok: false, reason: `line ${line} is not byte for byte as the ledger wrote it (the values still verify, their spelling was changed)`, line };
  }
  return {
    ok: true,
    kind: 'trace',
    ledger: bundle.ledger,
    decision: bundle.selection.decision,
    events: bundle.events.length,
    positions: bundle.events.map((e) => e.position),
    treeSize: head.size,
    rootHash: Buffer.from(head.rootHash).toString('base64'),
    keyId: published.keyId,
    keyTrusted: options.publicKey !== undefined,
  };
}
