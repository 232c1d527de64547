// Checking a trace bundle (version 2) offline: the tree head must be signed by the bundle's key
// (and that key be the one the auditor gives, when given) for this ledger's log; every event,
// in position order with no repeat, must be proved in that tree by its own inclusion proof, its
// leaf recomputed from the event as written; and the file must be byte for byte what the
// exporter writes. The checks are verifier.js's, the same a journalist's browser runs.

import type { KeyObject } from 'node:crypto';
import { rawPublicKey } from '../integrity/signing-key.js';
import { treeHeadOrigin } from '../integrity/tree-head.js';
import { nodeCrypto } from '../merkle/node-crypto.js';
import { fromBase64, leafHash, openCheckpoint, VerificationError, verifyInclusion, type Checkpoint } from '../merkle/verifier.js';
import { bundleKey, respelled } from './checks.js';
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

  const signer = bundleKey(bundle.publicKey, options.publicKey);
  if (!signer.ok) return signer;

  let head: Checkpoint;
  try {
    head = await openCheckpoint(bundle.treeHead, { publicKey: rawPublicKey(signer.key), origin: treeHeadOrigin(bundle.ledger) }, nodeCrypto);
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

  const spelling = respelled(renderTraceBundle(bundle), contents);
  if (spelling) return { ok: false, ...spelling };
  return {
    ok: true,
    kind: 'trace',
    ledger: bundle.ledger,
    decision: bundle.selection.decision,
    events: bundle.events.length,
    positions: bundle.events.map((e) => e.position),
    treeSize: head.size,
    rootHash: Buffer.from(head.rootHash).toString('base64'),
    keyId: signer.keyId,
    keyTrusted: options.publicKey !== undefined,
  };
}
