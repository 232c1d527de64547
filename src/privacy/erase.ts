// Erasing a data subject: record it in the log, then destroy their key. In that order, so
// that a crash in between leaves a recorded erasure whose key a second run destroys
// (erasure is idempotent); never a destroyed key the log does not explain.

import type { Actor } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import type { SubjectKeys } from './key-store.js';

export interface ErasureRequest {
  subjectId: string;
  reason: string;
  /** Default: today (UTC). */
  erasedOn?: string;
}

export interface ErasureOutcome {
  subjectId: string;
  /** A SubjectErased event was appended now (false when an earlier erasure recorded it). */
  recorded: boolean;
  /** Its log position, when recorded now. */
  position: number | null;
  /** The key was destroyed now, or was already gone. */
  key: 'erased' | 'already_erased';
}

export async function eraseSubject(ledger: Ledger, keys: SubjectKeys, request: ErasureRequest, actor: Actor): Promise<ErasureOutcome> {
  const { subjectId } = request;
  if ((await keys.status(subjectId)) === 'unknown') {
    // A typo must not record an erasure of nobody; the ledger holds no key for this id.
    throw new DomainError('SUBJECT_NOT_FOUND', `no personal data is sealed for subject ${subjectId} in keys.db`, { subjectId });
  }
  const erasedOn = request.erasedOn ?? new Date().toISOString().slice(0, 10);
  const result = await ledger.execute({ type: 'EraseSubject', data: { subjectId, erasedOn, reason: request.reason } }, { actor });
  const key = await keys.erase(subjectId, new Date().toISOString());
  const recorded = result.events.length > 0;
  return { subjectId, recorded, position: recorded ? result.position : null, key };
}

/**
 * After keys.db was restored from a backup older than the log: destroy again the key of
 * every subject whose erasure the log records, so that no restore undoes an erasure.
 * Returns how many erasures the log holds and whose keys were destroyed now.
 */
export async function reapplyErasures(store: EventStore, keys: SubjectKeys): Promise<{ recorded: number; destroyed: string[] }> {
  const destroyed: string[] = [];
  let recorded = 0;
  const page = 1_000;
  for (let after = 0; ; ) {
    const events = await store.readAll({ after, maxCount: page, types: ['SubjectErased'] });
    for (const event of events) {
      if (event.type !== 'SubjectErased') continue;
      recorded++;
      const { subjectId } = event.data as { subjectId: string };
      if ((await keys.status(subjectId)) !== 'erased' || (await keys.keyToOpen(subjectId)) !== null) {
        await keys.erase(subjectId, event.metadata.recordedAt);
        destroyed.push(subjectId);
      }
    }
    if (events.length < page) return { recorded, destroyed };
    after = (events.at(-1) as RecordedEvent).position;
  }
}
