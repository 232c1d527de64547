// Recomputing the chain over the whole log, a page at a time, so a log of any
// size is checked in bounded memory. Rows are hashed as stored, never parsed.

import { GENESIS_HASH, verifyStoredChain, type ChainCheck } from '../chain.js';
import type { StoredEvent } from '../port.js';

export function verifyLog(readPage: (after: number) => StoredEvent[]): ChainCheck {
  let head = { position: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (let page = readPage(0); page.length > 0; page = readPage(head.position)) {
    const check = verifyStoredChain(page, head.hash, head.position);
    if (!check.ok) return { ...check, checked: checked + check.checked };
    checked += check.checked;
    head = { position: check.headPosition, hash: check.headHash };
  }
  return { ok: true, headPosition: head.position, headHash: head.hash, checked };
}
