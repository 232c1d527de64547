// Recomputing the chain over the whole log, a page at a time, so a log of any
// size is checked in bounded memory.

import { verifyChain, type ChainCheck } from '../chain.js';
import type { RecordedEvent } from '../port.js';
import { toRecordedEvent, type EventRow } from './rows.js';

class UnreadableEvent extends Error {
  constructor(readonly position: number) {
    super(`event at position ${position} is not valid JSON`);
  }
}

export function verifyLog(readRows: (after: number) => EventRow[]): ChainCheck {
  let delivered = 0;
  function* log(): Generator<RecordedEvent> {
    let after = 0;
    for (let rows = readRows(after); rows.length > 0; rows = readRows(after)) {
      for (const row of rows) {
        let event: RecordedEvent;
        try {
          event = toRecordedEvent(row);
        } catch {
          throw new UnreadableEvent(row.position);
        }
        delivered++;
        yield event;
        after = row.position;
      }
    }
  }
  try {
    return verifyChain(log());
  } catch (error) {
    // verifyChain checks each event before asking for the next, so all delivered ones passed.
    if (error instanceof UnreadableEvent) {
      return { ok: false, brokenAt: error.position, reason: error.message, checked: delivered };
    }
    throw error;
  }
}
