// `ledger verify-bundle FILE`: offline, with nothing but the file (and, better, the
// ledger's public key obtained separately). A bundle verifies when
//   - it is an audit bundle (format, version, every field, nothing more),
//   - its public key's three spellings agree (PEM, raw, key id), and match the trusted key if one is given,
//   - the chain recomputed from `previous` over the events, in position order with no gap, gives each event's hash,
//   - the checkpoint is signed by that key, names this ledger, and vouches for the last event's position and hash,
//   - the first and last events were recorded within the selection,
//   - the file is byte for byte as the exporter writes it.
// The signed hash of the last event commits to every event before it back to `previous`,
// so no event, link or byte can change without one of these failing.

import type { KeyObject } from 'node:crypto';
import { verifyChain } from '../../store/chain.js';
import type { RecordedEvent } from '../../store/port.js';
import { signatureProblem, type SignedCheckpoint } from '../integrity/statement.js';
import type { ChainPoint } from '../integrity/walk.js';
import { bundleSchema, renderBundle, renderHeader, type Bundle } from './format.js';
import { bundleKey, respelled } from './checks.js';
import { recordedWithin } from './range.js';
import { TRACE_BUNDLE_VERSION } from './trace-format.js';
import { verifyTraceBundle, type TraceBundleCheck } from './trace-verify.js';

export type BundleCheck =
  | {
      ok: true;
      kind: 'range';
      ledger: string;
      selection: { from: string; to: string };
      events: number;
      first: number;
      last: number;
      previous: ChainPoint;
      checkpoint: SignedCheckpoint;
      keyId: string;
      /** Whether the signature was checked against a key given by the caller; otherwise only against the bundle's own key. */
      keyTrusted: boolean;
    }
  | {
      ok: false;
      reason: string;
      /** The event's position, when the problem is one event's. */
      position?: number;
      /** 1-based line of the file where the problem shows, when known. */
      line?: number;
    };

export interface VerifyBundleOptions {
  /** The ledger's public key as obtained from the ledger (PEM or raw base64), not from the bundle. */
  publicKey?: string | KeyObject;
}

type Read = { ok: true; contents: string; raw: unknown } | { ok: false; reason: string };

function readBundle(file: string | Uint8Array): Read {
  let contents: string;
  try {
    contents = typeof file === 'string' ? file : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file);
  } catch {
    return { ok: false, reason: 'the file is not UTF-8 text: some of its bytes were altered' };
  }
  try {
    return { ok: true, contents, raw: JSON.parse(contents) as unknown };
  } catch (error) {
    return { ok: false, reason: `the file is not JSON: ${(error as Error).message}` };
  }
}

/** Check a bundle of either kind: a date range (version 1, the chain) or a trace (version 2, inclusion proofs). */
export async function checkBundle(file: string | Uint8Array, options: VerifyBundleOptions = {}): Promise<BundleCheck | TraceBundleCheck> {
  const read = readBundle(file);
  if (!read.ok) return read;
  const version = (read.raw as { version?: unknown } | null)?.version;
  return version === TRACE_BUNDLE_VERSION ? verifyTraceBundle(read.contents, read.raw, options) : verifyBundle(read.contents, options);
}

/** Check a date-range bundle (version 1): the file's bytes (or its text, if already decoded). */
export function verifyBundle(file: string | Uint8Array, options: VerifyBundleOptions = {}): BundleCheck {
  const read = readBundle(file);
  if (!read.ok) return read;
  const { contents, raw } = read;
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, reason: `not an audit bundle: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}` };
  }
  // The values as parsed, not as zod rebuilt them: the chain is over exactly what the file says.
  const bundle = raw as Bundle;
  const { events, previous, checkpoint } = bundle;
  const firstLine = renderHeader(bundle).split('\n').length;
  const lineOf = (index: number) => firstLine + index;

  const signer = bundleKey(bundle.publicKey, options.publicKey);
  if (!signer.ok) return signer;
  const key = signer.key;

  const chain = verifyChain(events as Iterable<RecordedEvent>, previous.hash, previous.position);
  if (!chain.ok) {
    const index = chain.checked;
    return { ok: false, reason: `the chain breaks at position ${chain.brokenAt}: ${chain.reason}`, position: chain.brokenAt, line: lineOf(index) };
  }

  const signature = signatureProblem(checkpoint, key);
  if (signature) return { ok: false, reason: `the checkpoint: ${signature}` };
  if (checkpoint.ledger !== bundle.ledger) return { ok: false, reason: `the checkpoint is about ledger ${checkpoint.ledger}, the bundle says ${bundle.ledger}` };
  const last = events.at(-1) as RecordedEvent;
  if (checkpoint.position !== last.position || checkpoint.headHash !== last.hash) {
    return {
      ok: false,
      reason: `the checkpoint vouches for position ${checkpoint.position} with hash ${checkpoint.headHash}, but the last event is position ${last.position} with hash ${last.hash}`,
      position: last.position,
    };
  }

  const within = recordedWithin(bundle.selection);
  for (const index of [0, events.length - 1]) {
    const event = events[index] as RecordedEvent;
    if (!within(event.metadata.recordedAt)) {
      return {
        ok: false,
        reason: `the event at position ${event.position} was not recorded within the selection (${bundle.selection.from} to ${bundle.selection.to})`,
        position: event.position,
        line: lineOf(index),
      };
    }
  }

  const spelling = respelled(renderBundle(bundle), contents);
  if (spelling) return { ok: false, ...spelling };

  return {
    ok: true,
    kind: 'range',
    ledger: bundle.ledger,
    selection: { from: bundle.selection.from, to: bundle.selection.to },
    events: events.length,
    first: (events[0] as RecordedEvent).position,
    last: last.position,
    previous,
    checkpoint,
    keyId: signer.keyId,
    keyTrusted: options.publicKey !== undefined,
  };
}
