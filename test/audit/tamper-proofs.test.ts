// Proofs against a tree head the ledger signed before an insider altered, deleted or swapped
// events in the SQLite file: the event as the log now holds it no longer verifies against that
// head, the ledger refuses to prove it (naming the position) rather than hand out a proof that
// would fail, and `verify` names the position. An insider who also recomputes the chain and the
// whole tree gets proofs that hold together, but not against the head signed before, and the
// ledger will not sign a new one.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityError } from '../../src/audit/integrity/errors.js';
import { signCheckpoint } from '../../src/audit/integrity/sign.js';
import { rawPublicKey } from '../../src/audit/integrity/signing-key.js';
import { treeHeadOrigin } from '../../src/audit/integrity/tree-head.js';
import { TreeUnavailable } from '../../src/audit/merkle/errors.js';
import { proveInclusion, type InclusionProof } from '../../src/audit/merkle/prove.js';
import { verifyEvent } from '../../src/audit/merkle/verifier.js';
import { CompactRange } from '../../src/audit/merkle/compact-range.js';
import { leafHashOf } from '../../src/audit/merkle/hash.js';
import { canonicalJson, chainHash } from '../../src/store/chain.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { toRecordedEvent } from '../../src/store/sql-rows.js';
import { newEvents } from '../contract/event-store.contract.js';
import { buildLedgerTemplate, copyLedger, type LedgerCopy, type LedgerTemplate } from './integrity-ledger.js';

let template: LedgerTemplate;
let ledger: LedgerCopy;
let total: number;
let treeHead: string;
let publicKey: string;
let origin: string;

beforeAll(async () => {
  template = await buildLedgerTemplate(120);
  total = template.events;
});
afterAll(() => template.remove());

beforeEach(async () => {
  ledger = await copyLedger(template);
  treeHead = (await signCheckpoint(ledger.store, ledger.integrity.key, ledger.integrity.checkpoints)).treeHead as string;
  publicKey = rawPublicKey(ledger.integrity.key.publicKey).toString('base64');
  origin = treeHeadOrigin(ledger.integrity.ledgerId);
});
afterEach(async () => {
  await ledger.close();
});

/** The event at `position` as the log now publishes it. */
async function eventAt(position: number): Promise<RecordedEvent | undefined> {
  const [event] = await ledger.store.readAll({ after: position - 1, maxCount: 1 });
  return event?.position === position ? event : undefined;
}

/** Does the event now at `position`, with `proof`, verify against the tree head signed before? */
async function holdsAgainstSignedHead(position: number, proof: InclusionProof): Promise<boolean> {
  const event = await eventAt(position);
  if (!event) return false;
  return (await verifyEvent({ treeHead, publicKey, origin, event, proof })).ok;
}

async function refusedProof(position: number): Promise<unknown> {
  try {
    await proveInclusion(ledger.store, { position, size: total });
  } catch (error) {
    return error;
  }
  throw new Error(`the ledger proved position ${position}`);
}

describe('proofs against a tree head signed before the ledger file was tampered with', () => {
  it('verify while the file is untouched', async () => {
    for (const position of [1, 2, Math.floor(total / 2), total]) {
      expect(await holdsAgainstSignedHead(position, await proveInclusion(ledger.store, { position, size: total }))).toBe(true);
    }
  });

  it('fail for an altered event, which the ledger refuses to prove, and verify names its position', async () => {
    const position = Math.floor(total / 3);
    const kept = await proveInclusion(ledger.store, { position, size: total });
    ledger.tamper(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = ?`, position);

    expect(await holdsAgainstSignedHead(position, kept)).toBe(false);
    expect(await refusedProof(position)).toMatchObject({ code: 'TREE_BROKEN', details: { brokenAt: position } });
    expect(await ledger.verify()).toMatchObject({ ok: false, brokenAt: position });
  });

  it('fail for a deleted event, which can no longer be proved, and verify names its position', async () => {
    const position = Math.floor(total / 2);
    ledger.tamper('DELETE FROM events WHERE position = ?', position);

    expect(await eventAt(position)).toBeUndefined();
    expect(await refusedProof(position)).toBeInstanceOf(TreeUnavailable);
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: position });
  });

  it('fail for both of two swapped events, and verify names the first', async () => {
    const [a, b] = [Math.floor(total / 4), Math.floor(total / 4) + 7];
    const kept = [await proveInclusion(ledger.store, { position: a, size: total }), await proveInclusion(ledger.store, { position: b, size: total })];
    ledger.tamperWith((intruder) => {
      const read = intruder.prepare('SELECT * FROM events WHERE position = ?');
      const [rowA, rowB] = [read.get(a), read.get(b)] as Record<string, unknown>[];
      intruder.prepare('DELETE FROM events WHERE position IN (?, ?)').run(a, b);
      const insert = intruder.prepare(
        'INSERT INTO events (position, stream_id, revision, id, type, version, data, metadata, hash) VALUES (@position, @stream_id, @revision, @id, @type, @version, @data, @metadata, @hash)',
      );
      insert.run({ ...rowB, position: a });
      insert.run({ ...rowA, position: b });
    });

    expect(await holdsAgainstSignedHead(a, kept[0]!)).toBe(false);
    expect(await holdsAgainstSignedHead(b, kept[1]!)).toBe(false);
    expect(await refusedProof(a)).toMatchObject({ details: { brokenAt: a } });
    expect(await ledger.verify()).toMatchObject({ ok: false, brokenAt: a });
  });

  it('fail once the chain and the whole tree are recomputed around an altered event: the new proofs hold together, not against the signed head', async () => {
    const position = Math.floor(total / 3);
    const keptFirst = await proveInclusion(ledger.store, { position: 1, size: total });
    const rows = ledger.rows();
    ledger.tamperWith((intruder) => {
      const update = intruder.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?');
      let previous = rows[position - 2]!.hash;
      for (const row of rows.slice(position - 1)) {
        const { hash: _old, ...event } = toRecordedEvent(row);
        const data = row.position === position ? { ...(event.data as object), tampered: true } : event.data;
        previous = chainHash(previous, { ...event, data });
        update.run(canonicalJson(data), previous, row.position);
      }
      intruder.exec('DELETE FROM merkle_nodes');
      const insert = intruder.prepare('INSERT INTO merkle_nodes (id, hash) VALUES (?, ?)');
      const range = new CompactRange();
      for (const row of intruder.prepare<[], Record<string, never>>('SELECT * FROM events ORDER BY position').all() as unknown as typeof rows) {
        range.append(leafHashOf({ ...row, streamId: row.stream_id, dataJson: row.data, metadataJson: row.metadata }), (id, hash) => insert.run(id, hash));
      }
    });

    const now = await proveInclusion(ledger.store, { position, size: total });
    expect(await holdsAgainstSignedHead(position, now)).toBe(false);
    // Even an untouched event's proof from the rewritten tree fails against the signed head; a proof kept from before still holds.
    expect(await holdsAgainstSignedHead(1, await proveInclusion(ledger.store, { position: 1, size: total }))).toBe(false);
    expect(await holdsAgainstSignedHead(1, keptFirst)).toBe(true);
    // The ledger will not sign a head that does not extend the one it signed, and verify names the signed position.
    await expect(signCheckpoint(ledger.store, ledger.integrity.key, ledger.integrity.checkpoints)).rejects.toMatchObject({ code: 'CHAIN_BROKEN', details: { problem: 'rewritten', brokenAt: total } });
    expect(await ledger.verify()).toMatchObject({ ok: false, problem: 'rewritten', brokenAt: total });
  });

  it('fail for the events cut from the end once the log is regrown, and the ledger will not sign again', async () => {
    const kept = await proveInclusion(ledger.store, { position: total - 2, size: total });
    ledger.tamper('DELETE FROM events WHERE position > ?', total - 5);
    await ledger.store.append('regrown', newEvents(10));

    expect(await holdsAgainstSignedHead(total - 2, kept)).toBe(false);
    expect(await refusedProof(total - 4)).toMatchObject({ code: 'TREE_BROKEN', details: { brokenAt: total - 4 } });
    await expect(signCheckpoint(ledger.store, ledger.integrity.key, ledger.integrity.checkpoints)).rejects.toBeInstanceOf(IntegrityError);
    expect(await ledger.verify()).toMatchObject({ ok: false, brokenAt: total - 4 });
  });
});
