// `ledger export --from --to --out`: the events recorded in a date range, with the chain
// link before them and the ledger's signed statement of the last one, so that anyone
// can check them offline.
//
// Two passes over the log, both streaming: the first verifies the whole log (chain and
// every signed checkpoint) and finds the first and last events recorded in the range;
// the second writes every event between those positions, matching or not (the ledger's
// clock may step back, so a few in between may fall outside the range: the chain needs
// them all), checking again that each link holds and ends at the signed hash.

import type { EventStore, RecordedEvent } from '../../store/port.js';
import { IntegrityError } from '../integrity/errors.js';
import { evidenceOf, type LedgerIntegrity } from '../integrity/ledger-integrity.js';
import { signAt } from '../integrity/sign.js';
import { storedRoot } from '../merkle/tree-reader.js';
import { publishedKey } from '../integrity/signing-key.js';
import type { SignedCheckpoint } from '../integrity/statement.js';
import { verifyLedgerWith } from '../integrity/verify.js';
import { GENESIS, walkChain, type ChainPoint } from '../integrity/walk.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, EVENT_SEPARATOR, FOOTER, renderEvent, renderHeader } from './format.js';
import { recordedWithin, type DateRange } from './range.js';

export interface ExportSummary {
  events: number;
  first: number;
  last: number;
  previous: ChainPoint;
  checkpoint: SignedCheckpoint;
}

export interface ExportOptions {
  now?: () => Date;
  /** Hears progress of each pass: the position reached and the position it goes to. */
  onProgress?: (pass: 'verify' | 'write', position: number, upTo: number) => void;
}

/** Chunks are gathered to about this size before each write. */
const WRITE_CHUNK_CHARS = 1 << 20;

/**
 * Write the bundle of the events recorded in `range` through `write` (called in order,
 * with chunks of the file). Refuses (IntegrityError) a log that does not verify, a store
 * without a chain, and a range with no event.
 */
export async function exportBundle(
  store: EventStore,
  range: DateRange,
  integrity: LedgerIntegrity,
  write: (chunk: string) => void,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const within = recordedWithin(range);
  let before: ChainPoint = GENESIS;
  let previous: ChainPoint | undefined;
  let last: ChainPoint | undefined;
  let first: number | undefined;
  const verification = await verifyLedgerWith(store, {
    evidence: await evidenceOf(integrity),
    onProgress: (position, head) => options.onProgress?.('verify', position, head),
    visit: (event) => {
      const point = { position: event.position, hash: event.hash as string };
      if (within(event.metadata.recordedAt)) {
        if (first === undefined) {
          first = event.position;
          previous = before;
        }
        last = point;
      }
      before = point;
    },
  });
  if (verification.ok === null) throw new IntegrityError('NO_HASH_CHAIN', `${verification.reason}: there is nothing to export with proof`);
  if (!verification.ok) {
    throw new IntegrityError('CHAIN_BROKEN', `the ledger does not verify, so it exports nothing: ${verification.reason}`, {
      brokenAt: verification.brokenAt,
      problem: verification.problem,
    });
  }
  if (first === undefined || !previous || !last) {
    throw new IntegrityError('NOTHING_IN_RANGE', `no event was recorded between ${range.from} and ${range.to}`);
  }
  const end: ChainPoint = last;

  // The full verification above rebuilt the tree and held the stored one to it: its root at `end` is sound.
  const treeRoot = store.tree ? await storedRoot(store.tree, end.position) : null;
  // In the signing turn, like every statement the ledger keeps.
  const signed = await integrity.checkpoints.whileSigning(() => signAt(integrity.key, integrity.checkpoints, end, { ...options, treeRoot }));
  const { statement: checkpoint } = signed as NonNullable<typeof signed>;
  const out = bufferedWriter(write);
  out.write(
    renderHeader({
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      ledger: integrity.ledgerId,
      selection: { field: 'recordedAt', ...range },
      exportedAt: (options.now?.() ?? new Date()).toISOString(),
      publicKey: publishedKey(integrity.key.publicKey),
      previous,
      checkpoint,
    }),
  );
  let count = 0;
  const written = await walkChain(store, {
    from: previous,
    upTo: end.position,
    onProgress: (_checked, position) => options.onProgress?.('write', position, end.position),
    onVerified: (event: RecordedEvent) => {
      out.write((count++ === 0 ? '' : EVENT_SEPARATOR) + renderEvent(event));
      return undefined;
    },
  });
  if (!written.ok || written.head.position !== end.position || written.head.hash !== end.hash) {
    throw new IntegrityError('CHAIN_BROKEN', 'the log changed while it was being exported; run ledger verify', { brokenAt: written.ok === false ? written.brokenAt : null });
  }
  out.write(FOOTER);
  out.flush();
  return { events: count, first, last: end.position, previous, checkpoint };
}

function bufferedWriter(write: (chunk: string) => void) {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text: string) {
      parts.push(text);
      size += text.length;
      if (size >= WRITE_CHUNK_CHARS) flush();
    },
    flush,
  };
}
