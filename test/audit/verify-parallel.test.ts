// Verification on several cores (verifyLedgerWith's parallel mode: the log cut into ranges, each
// checked by a worker thread) on a ledger of many pages, so each range spans pages and a break is
// found inside a range, or where two meet, while the others run on. Every call of
// ledger.verify() also holds the parallel answer to the one-thread one (integrity-ledger.ts), here
// and in every tamper test.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../src/audit/integrity/sign.js';
import { checkStoredLinks } from '../../src/audit/integrity/stored-links.js';
import { verifyLedgerWith } from '../../src/audit/integrity/verify.js';
import { leafHashOf } from '../../src/audit/merkle/hash.js';
import { nodeId } from '../../src/audit/merkle/layout.js';
import { canonicalJson, GENESIS_HASH, storedChainHash } from '../../src/store/chain.js';
import type { StoredEvent } from '../../src/store/port.js';
import { toRecordedEvent } from '../../src/store/sql-rows.js';
import { chainHash } from '../../src/store/chain.js';
import { buildLedgerTemplate, copyLedger, type LedgerCopy, type LedgerTemplate } from './integrity-ledger.js';

let template: LedgerTemplate;
let ledger: LedgerCopy;
let total: number;

beforeAll(async () => {
  // Twelve pages and more: past the eight pages the walk may run ahead of the worker.
  template = await buildLedgerTemplate(12_000);
  total = template.events;
}, 120_000);
afterAll(() => template.remove());
beforeEach(async () => {
  ledger = await copyLedger(template);
});
afterEach(async () => {
  await ledger.close();
});

describe('verification with both cores', () => {
  it('verifies an untouched ledger of many pages, its tree checked to the last node', async () => {
    expect(await ledger.verify()).toMatchObject({ ok: true, headPosition: total, checked: total, checkpoints: { treeChecked: true } });
  });

  it('runs the ranges in the worker it is given (a script that is no worker fails the verification)', async () => {
    const script = new URL('data:text/javascript,throw new Error("no range worker here")');
    await expect(verifyLedgerWith(ledger.store, { parallel: { path: ledger.path, script } })).rejects.toThrow(/no range worker here/);
  });

  it('catches an event changed and its chain recomputed, by its leaf, pages after the walk passed it', async () => {
    const position = total - 2_500;
    const rows = ledger.rows();
    ledger.tamperWith((intruder) => {
      const update = intruder.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?');
      let previous = rows[position - 2]?.hash as string;
      for (const row of rows.slice(position - 1)) {
        const { hash: _old, ...event } = toRecordedEvent(row);
        const data = row.position === position ? { ...(event.data as object), rewritten: true } : event.data;
        previous = chainHash(previous, { ...event, data });
        update.run(canonicalJson(data), previous, row.position);
      }
    });

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: position, checked: position - 1 });
  });

  it('catches a node of the tree changed, at the first event under it', async () => {
    ledger.tamper('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE id = ?', nodeId(3, 1_000));

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: 8_001, checked: 8_007 });
  });

  it('catches a node of the tree deleted, at the first event under it', async () => {
    ledger.tamper('DELETE FROM merkle_nodes WHERE id = ?', nodeId(0, 10_999));

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: 11_000, checked: 10_999 });
  });

  it('catches a chain break before a tree break, and a tree break before a later chain break', async () => {
    ledger.tamper('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE id = ?', nodeId(0, 9_999));
    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 10500`);
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: 10_000, checked: 9_999 });

    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 9000`);
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 9_000, checked: 8_999 });
  });

  it('catches a truncated log: by the checkpoint signed before, else by the tree nodes left beyond it', async () => {
    await signCheckpoint(ledger.store, ledger.integrity.key, ledger.integrity.checkpoints);
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 3);
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'truncated', brokenAt: total - 2, checked: total - 3 });

    ledger.serverDb.exec('DELETE FROM checkpoints');
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: total - 2, checked: total - 3 });
  });
});

describe('a link and a leaf hashed from the same bytes', () => {
  const event = (position: number, data: string): StoredEvent => ({
    position,
    streamId: 'consultation-ü',
    revision: position - 1,
    id: `e-${position}`,
    type: 'FeedbackReceived',
    version: 1,
    dataJson: data,
    metadataJson: '{"by":"Zoë 🦉"}',
    hash: null,
  });

  it('are the chain link and the Merkle leaf hashed apart, for any text and any size', () => {
    const events = [event(1, '{"a":1}'), event(2, JSON.stringify({ text: 'ça va — 🙂 \u2028' })), event(3, JSON.stringify({ long: 'é'.repeat(100_000) }))];
    let previous = GENESIS_HASH;
    for (const e of events) {
      e.hash = storedChainHash(previous, e);
      previous = e.hash;
    }
    const leaves: Buffer[] = [];

    expect(checkStoredLinks(events, GENESIS_HASH, 0, leaves)).toEqual({ ok: true, headPosition: 3, headHash: previous, checked: 3 });
    expect(leaves).toEqual(events.map((e) => leafHashOf(e)));
  });

  it('stop at the first link that does not hold, with the leaves before it only', () => {
    const events = [event(1, '{"a":1}'), event(2, '{"a":2}')];
    events[0]!.hash = storedChainHash(GENESIS_HASH, events[0]!);
    events[1]!.hash = 'f'.repeat(64);
    const leaves: Buffer[] = [];

    expect(checkStoredLinks(events, GENESIS_HASH, 0, leaves)).toMatchObject({ ok: false, brokenAt: 2, checked: 1 });
    expect(leaves).toEqual([leafHashOf(events[0]!)]);
  });

  it('start from a point given in any form, as the text path does', () => {
    const from = 'not a link';
    const e = event(5, '{}');
    e.hash = storedChainHash(from, e);
    const leaves: Buffer[] = [];

    expect(checkStoredLinks([e], from, 4, leaves)).toMatchObject({ ok: true, headHash: e.hash });
    expect(leaves).toEqual([leafHashOf(e)]);
  });
});
