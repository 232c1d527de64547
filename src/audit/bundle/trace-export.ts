// `ledger export --decision ID --out FILE`: one decision's trace (its stream and the streams of
// the activities it cites, as the trace reads them from the log) with an inclusion proof for
// each event against a tree head the ledger signs for the purpose. Signing first checks the
// chain and the tree since the last checkpoint (sign.ts); each proof is checked as it is made
// (prove.ts), and each event as written must be exactly the leaf proved.

import type { EventStore, RecordedEvent } from '../../store/port.js';
import { readDecisionTrace } from '../trace/read.js';
import { IntegrityError } from '../integrity/errors.js';
import type { LedgerIntegrity } from '../integrity/ledger-integrity.js';
import { signCheckpoint, type SignOptions } from '../integrity/sign.js';
import { publishedKey } from '../integrity/signing-key.js';
import { proveInclusion } from '../merkle/prove.js';
import { leafText } from '../merkle/verifier.js';
import { BUNDLE_FORMAT, EVENT_SEPARATOR, FOOTER } from './format.js';
import { published } from './proof-file.js';
import { renderProvedEvent, renderTraceHeader, TRACE_BUNDLE_VERSION } from './trace-format.js';

export interface TraceExportSummary {
  events: number;
  positions: number[];
  /** The size of the signed tree the proofs lead to. */
  treeSize: number;
}

export async function exportTraceBundle(
  store: EventStore,
  decisionId: string,
  integrity: LedgerIntegrity,
  write: (chunk: string) => void,
  options: SignOptions = {},
): Promise<TraceExportSummary> {
  const trace = await readDecisionTrace(store, decisionId);
  if (!trace) throw new IntegrityError('NOTHING_IN_RANGE', `there is no decision ${decisionId} in the log`);
  const byPosition = new Map<number, RecordedEvent>();
  for (const event of [...trace.decision, ...[...trace.activities.values()].flat()]) byPosition.set(event.position, event);
  const events = [...byPosition.values()].sort((a, b) => a.position - b.position);

  const signed = await signCheckpoint(store, integrity.key, integrity.checkpoints, options);
  if (!signed.treeHead) throw new IntegrityError('NO_HASH_CHAIN', 'this store keeps no Merkle tree: a trace cannot be proved without the rest of the log');
  const size = signed.statement.position;

  write(
    renderTraceHeader({
      format: BUNDLE_FORMAT,
      version: TRACE_BUNDLE_VERSION,
      ledger: integrity.ledgerId,
      selection: { field: 'trace', decision: decisionId },
      exportedAt: (options.now?.() ?? new Date()).toISOString(),
      publicKey: publishedKey(integrity.key.publicKey),
      treeHead: signed.treeHead,
    }),
  );
  for (const [i, event] of events.entries()) {
    const shown = published(event);
    const proof = await proveInclusion(store, { position: event.position, size });
    if (leafText(shown) !== proof.leaf) {
      throw new IntegrityError('CHAIN_BROKEN', `the event at position ${event.position} as read does not re-serialise to its stored bytes; run ledger verify`, {
        brokenAt: event.position,
      });
    }
    write((i === 0 ? '' : EVENT_SEPARATOR) + renderProvedEvent({ ...shown, proof: proof.proof }));
  }
  write(FOOTER);
  return { events: events.length, positions: events.map((e) => e.position), treeSize: size };
}
