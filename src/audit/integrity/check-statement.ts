// An auditor kept a statement the ledger signed earlier. Has the log only grown since?
// Yes when the signature verifies, the chain verifies from the first event up to the
// statement's position, and the event there still has the signed hash: then every
// event up to that position is exactly as it was when the ledger signed.

import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../../store/port.js';
import { signatureProblem, type SignedCheckpoint } from './statement.js';
import { walkChain } from './walk.js';

export type StatementCheck =
  | {
      ok: true;
      position: number;
      headHash: string;
      /** The head of the log now. */
      headPosition: number;
      /** Events appended since the statement. */
      grownBy: number;
    }
  | {
      ok: false;
      /** Where the log departs from the statement; null when the statement itself is not to be trusted. */
      brokenAt: number | null;
      reason: string;
    }
  | { ok: null; reason: string };

export interface CheckStatementOptions {
  /** This ledger's id: a statement about another ledger is refused. */
  ledgerId?: string;
  onProgress?: (position: number, upTo: number) => void;
}

export async function checkStatement(
  store: EventStore,
  statement: SignedCheckpoint,
  publicKey: KeyObject,
  options: CheckStatementOptions = {},
): Promise<StatementCheck> {
  const signature = signatureProblem(statement, publicKey);
  if (signature) return { ok: false, brokenAt: null, reason: signature };
  if (options.ledgerId !== undefined && statement.ledger !== options.ledgerId) {
    return { ok: false, brokenAt: null, reason: `the statement is about ledger ${statement.ledger}, this is ${options.ledgerId}` };
  }

  const head = await store.headPosition();
  const walk = await walkChain(store, {
    upTo: statement.position,
    onProgress: (_checked, position) => options.onProgress?.(position, statement.position),
  });
  if (walk.ok === null) return walk;
  if (!walk.ok) return { ok: false, brokenAt: walk.brokenAt, reason: walk.reason };
  if (walk.head.position < statement.position) {
    const end = walk.head.position;
    return {
      ok: false,
      brokenAt: end + 1,
      reason: `the log ends at position ${end}, before the statement's position ${statement.position}: it was truncated`,
    };
  }
  if (walk.head.hash !== statement.headHash) {
    return {
      ok: false,
      brokenAt: statement.position,
      reason:
        `the event at position ${statement.position} now has hash ${walk.head.hash}, the statement says ${statement.headHash}: ` +
        `the log was changed at or before that position and its chain recomputed`,
    };
  }
  return { ok: true, position: statement.position, headHash: statement.headHash, headPosition: head, grownBy: head - statement.position };
}
