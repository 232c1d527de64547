// Tampering with a real ledger file behind the ledger's back, the way an insider with the
// file would: each alteration is caught at the position it affects, by the chain, by the
// Merkle tree beside it (a chain recomputed but not the tree), or, for what neither can see
// (the end cut off, chain and tree both recomputed), by a checkpoint and tree head the
// ledger signed before.

import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkStatement } from '../../src/audit/integrity/check-statement.js';
import { listCheckpoints } from '../../src/audit/integrity/checkpoints.js';
import { IntegrityError } from '../../src/audit/integrity/errors.js';
import { signCheckpoint } from '../../src/audit/integrity/sign.js';
import { keyIdOf, loadOrCreateSigningKey, SIGNING_KEY_FILE } from '../../src/audit/integrity/signing-key.js';
import { signStatement, type SignedCheckpoint } from '../../src/audit/integrity/statement.js';
import { verifyLedger } from '../../src/audit/integrity/verify.js';
import { CompactRange } from '../../src/audit/merkle/compact-range.js';
import { leafHashOf } from '../../src/audit/merkle/hash.js';
import { nodeCount, nodeId } from '../../src/audit/merkle/layout.js';
import { proveInclusion } from '../../src/audit/merkle/prove.js';
import { canonicalJson, chainHash } from '../../src/store/chain.js';
import { toRecordedEvent } from '../../src/store/sql-rows.js';
import { newEvents } from '../contract/event-store.contract.js';
import { alterationsAt } from '../support/column-tampering.js';
import { buildLedgerTemplate, copyLedger, type LedgerCopy, type LedgerTemplate } from './integrity-ledger.js';

let template: LedgerTemplate;
let ledger: LedgerCopy;
let total: number;

beforeAll(async () => {
  template = await buildLedgerTemplate();
  total = template.events;
});
afterAll(() => template.remove());

beforeEach(async () => {
  ledger = await copyLedger(template);
});
afterEach(async () => {
  await ledger.close();
});

const sign = async (): Promise<SignedCheckpoint> => (await signCheckpoint(ledger.store, ledger.integrity.key, ledger.integrity.checkpoints)).statement;

/** Swaps everything two rows hold but their positions, in one transaction (the unique columns need the rows out of the way first). */
function swapRows(a: number, b: number): void {
  ledger.tamperWith((intruder) => {
    const read = intruder.prepare('SELECT * FROM events WHERE position = ?');
    const rowA = read.get(a) as Record<string, unknown>;
    const rowB = read.get(b) as Record<string, unknown>;
    intruder.prepare('DELETE FROM events WHERE position IN (?, ?)').run(a, b);
    const insert = intruder.prepare(
      'INSERT INTO events (position, stream_id, revision, id, type, version, data, metadata, hash) VALUES (@position, @stream_id, @revision, @id, @type, @version, @data, @metadata, @hash)',
    );
    insert.run({ ...rowB, position: a });
    insert.run({ ...rowA, position: b });
  });
}

/** Rewrites the event at `position` and recomputes every hash from there to the end, as an insider who knows the chain would. */
function rewriteWithRecomputedChain(position: number): void {
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
}

/** Replaces the whole Merkle tree with the one of the events as they now are, as an insider who knows the tree would. */
function recomputeTree(): void {
  const rows = ledger.rows();
  ledger.tamperWith((intruder) => {
    intruder.exec('DELETE FROM merkle_nodes');
    const insert = intruder.prepare('INSERT INTO merkle_nodes (id, hash) VALUES (?, ?)');
    const range = new CompactRange();
    for (const row of rows) {
      const leaf = leafHashOf({ ...row, streamId: row.stream_id, dataJson: row.data, metadataJson: row.metadata });
      range.append(leaf, (id, hash) => insert.run(id, hash));
    }
  });
}

describe('a real ledger file', () => {
  it('holds a few hundred events recorded through the domain', () => {
    expect(total).toBeGreaterThan(400);
    expect(ledger.rows()).toHaveLength(total);
  });

  it('verifies clean when untouched, reporting its head position and hash', async () => {
    const progress: number[] = [];
    const result = await verifyLedger(ledger.store, (position, head) => {
      expect(head).toBe(total);
      progress.push(position);
    });

    expect(result).toMatchObject({ ok: true, headPosition: total, headHash: ledger.rows().at(-1)?.hash, checked: total });
    expect(progress.at(-1)).toBe(total);
  });

  it('verifies clean against the checkpoints it signed as it grew', async () => {
    await sign();
    await ledger.store.append('late-notes', newEvents(5));
    await sign();

    expect(await ledger.verify()).toMatchObject({
      ok: true,
      headPosition: total + 5,
      checkpoints: { stored: 2, held: 2, invalid: [], latest: { position: total + 5 } },
    });
  });
});

describe('tampering with the ledger file', () => {
  beforeEach(async () => {
    await sign();
  });

  it("an event's stored data altered is caught at that event", async () => {
    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 137`);

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 137, checked: 136 });
  });

  it("one byte of an event's stored data changed is caught at that event", async () => {
    const row = ledger.rows()[211 - 1]!;
    const at = row.data.indexOf(':"') + 2; // the first character of the first string value
    const altered = row.data.slice(0, at) + String.fromCharCode(row.data.charCodeAt(at) ^ 1) + row.data.slice(at + 1);
    ledger.tamper('UPDATE events SET data = ? WHERE position = 211', altered);

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 211, checked: 210 });
  });

  it("an event's metadata altered (who recorded it) is caught at that event", async () => {
    ledger.tamper(`UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE position = 12`);

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 12 });
  });

  it('an event whose data is no longer JSON is caught at that event', async () => {
    ledger.tamper(`UPDATE events SET data = '{broken' WHERE position = 300`);

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 300, checked: 299 });
  });

  it('a deleted row is caught at its position', async () => {
    ledger.tamper('DELETE FROM events WHERE position = 250');

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 250, checked: 249 });
  });

  it('two rows swapped are caught at the first of them', async () => {
    swapRows(60, 300);

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 60, checked: 59 });
  });

  it('a truncated log is caught by the checkpoint signed before, at the first missing position', async () => {
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 25);

    const result = await ledger.verify();

    expect(result).toMatchObject({ ok: false, problem: 'truncated', brokenAt: total - 24, checked: total - 25 });
    expect(result.ok === false && result.reason).toContain(`events ${total - 24} to ${total} are missing from the end`);
  });

  it('a log truncated and grown again is caught by its Merkle tree at the first position cut', async () => {
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 10);
    await ledger.store.append('regrown', newEvents(20));

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: total - 9 });
  });

  it('a log truncated and grown again, its tree recomputed too, is caught at the signed position', async () => {
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 10);
    recomputeTree();
    await ledger.store.append('regrown', newEvents(20));

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'rewritten', brokenAt: total });
  });

  it('an event rewritten with the whole chain after it recomputed passes the chain, and its Merkle leaf names it', async () => {
    await ledger.store.append('late-notes', newEvents(10));
    await sign();
    rewriteWithRecomputedChain(total + 3);

    // The chain alone cannot see it: every link was recomputed.
    expect(ledger.store.verify()).toMatchObject({ ok: true });
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: total + 3 });
  });

  it('an event rewritten with the chain and the Merkle tree recomputed passes both, not the checkpoint', async () => {
    await ledger.store.append('late-notes', newEvents(10));
    await sign();
    rewriteWithRecomputedChain(total + 3);
    recomputeTree();

    expect(ledger.store.verify()).toMatchObject({ ok: true });
    const result = await ledger.verify();
    expect(result).toMatchObject({ ok: false, problem: 'rewritten', brokenAt: total + 10 });
    // The first checkpoint still holds, which bounds where the change was made.
    expect(result.ok === false && result.reason).toContain(`after position ${total}`);
  });

  it('a leaf of the Merkle tree altered in the file is caught at its event, which the ledger then refuses to prove', async () => {
    ledger.tamper('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE id = ?', nodeId(0, 40));

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: 41 });
    await expect(proveInclusion(ledger.store, { position: 42, size: total })).rejects.toMatchObject({ code: 'TREE_BROKEN', details: { brokenAt: 42 } });
  });

  it('a leaf of the Merkle tree altered since the last checkpoint stops the ledger signing over it', async () => {
    await ledger.store.append('late-notes', newEvents(10));
    ledger.tamper('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE id = ?', nodeId(0, total + 2));

    await expect(sign()).rejects.toMatchObject({ code: 'TREE_BROKEN', details: { brokenAt: total + 3, problem: 'tree' } });
  });

  it('an inner node of the Merkle tree altered or deleted is caught at the first event under it', async () => {
    ledger.tamper('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE id = ?', nodeId(3, 5));
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: 5 * 8 + 1, reason: expect.stringContaining('positions 41 to 48') });

    ledger.tamper('DELETE FROM merkle_nodes WHERE id = ?', nodeId(2, 1));
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: 5, reason: expect.stringContaining('lacks') });
  });

  it('nodes added to the Merkle tree beyond the log are caught after its last event', async () => {
    ledger.tamper('INSERT INTO merkle_nodes (id, hash) VALUES (?, zeroblob(32))', nodeCount(total));

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'tree', brokenAt: total + 1 });
  });

  it('a checkpoint edited in server.db is reported and not used as evidence', async () => {
    const edit = ledger.serverDb.prepare('UPDATE checkpoints SET head_hash = ? WHERE sequence = 1').run('0'.repeat(64));
    expect(edit.changes).toBe(1);

    expect(await ledger.verify()).toMatchObject({
      ok: false,
      problem: 'checkpoint-signature',
      brokenAt: null,
      checkpoints: { stored: 1, held: 0, invalid: [{ position: total }] },
    });
  });

  it('the ledger refuses to sign a head it cannot verify', async () => {
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 3);
    await expect(sign()).rejects.toMatchObject({ code: 'CHAIN_BROKEN', details: { brokenAt: total - 2, problem: 'truncated' } });

    await ledger.store.append('regrown', newEvents(5));
    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = ?`, total + 1);
    await expect(sign()).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe("an auditor's earlier statement", () => {
  let kept: SignedCheckpoint;

  beforeEach(async () => {
    kept = await sign();
  });

  const check = (statement: SignedCheckpoint = kept) =>
    checkStatement(ledger.store, statement, ledger.integrity.key.publicKey, { ledgerId: ledger.integrity.ledgerId });

  it('checks out once the log has only grown since', async () => {
    await ledger.store.append('later', newEvents(7));

    expect(await check()).toEqual({ ok: true, position: total, headHash: kept.headHash, headPosition: total + 7, grownBy: 7 });
  });

  it('fails at the event changed since', async () => {
    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 42`);

    expect(await check()).toMatchObject({ ok: false, brokenAt: 42 });
  });

  it('fails when the log no longer reaches its position', async () => {
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 4);

    expect(await check()).toMatchObject({ ok: false, brokenAt: total - 3 });
  });

  it('fails when the chain was recomputed after a change', async () => {
    rewriteWithRecomputedChain(100);

    expect(await check()).toMatchObject({ ok: false, brokenAt: total });
  });

  it('is refused when altered, or signed by another key', async () => {
    expect(await check({ ...kept, position: kept.position - 1 })).toMatchObject({ ok: false, brokenAt: null, reason: expect.stringMatching(/signature does not verify/) });

    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const forged = signStatement({ privateKey, publicKey, keyId: keyIdOf(publicKey) }, kept);
    expect(await check(forged)).toMatchObject({ ok: false, brokenAt: null, reason: expect.stringMatching(/names signing key/) });
    expect(await check({ ...forged, keyId: kept.keyId })).toMatchObject({ ok: false, reason: expect.stringMatching(/signature does not verify/) });
  });
});

describe('the signing key', () => {
  it('is created once, readable by its owner only, and the same when loaded again', () => {
    const file = join(ledger.dir, SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(ledger.dir).keyId).toBe(ledger.integrity.key.keyId);
  });

  it('signs statements that name this ledger and are kept in server.db', async () => {
    const statement = await sign();
    expect(statement).toMatchObject({ ledger: ledger.integrity.ledgerId, position: total, keyId: ledger.integrity.key.keyId });
    expect(listCheckpoints(ledger.serverDb).map((c) => c.statement)).toEqual([statement]);
  });
});

describe('each stored column of an event altered, at the first, a middle and the last event', () => {
  beforeEach(async () => {
    await sign();
  });

  it.each(alterationsAt([['the first', 1], ['a middle', 200], ['the last', 0]]))('%s, at %s event, is caught at that event', async (_column, _where, at, sql) => {
    // 0 stands for the last event: the template's size is known only once it is built.
    const position = at === 0 ? total : at;
    ledger.tamper(sql, position);

    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: position, checked: position - 1 });
  });
});
