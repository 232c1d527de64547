// Deciding, from where a batch's ids already sit in its stream, whether the append is
// a retry (answer with the original result), new (append it), or a misuse of ids.

import type { AppendResult } from '../port.js';

/** Where a stored event with one of the batch's ids sits. */
export interface StoredAt {
  revision: number;
  position: number;
}

export type RetryCheck =
  | { kind: 'absent' }
  | { kind: 'retry'; result: AppendResult }
  | { kind: 'duplicate'; eventId: string };

/**
 * A retry: every id is stored, the first at some revision r and the i-th at r + i.
 * Absent: none is stored. Anything in between reuses recorded ids for a different
 * batch: a duplicate, named by the first such id.
 */
export function checkRetry(ids: readonly string[], found: ReadonlyMap<string, StoredAt>): RetryCheck {
  const stored = ids.map((id) => found.get(id));
  const first = stored[0];
  if (first && stored.every((at, i) => at?.revision === first.revision + i)) {
    const last = stored.at(-1)!;
    return { kind: 'retry', result: { nextExpectedRevision: last.revision, position: last.position } };
  }
  const reused = ids.find((_, i) => stored[i] !== undefined);
  return reused === undefined ? { kind: 'absent' } : { kind: 'duplicate', eventId: reused };
}
