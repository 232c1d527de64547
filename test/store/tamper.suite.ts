// Tamper evidence, whichever adapter keeps the log: the same ledger is altered behind the
// store's back the way an insider with access to its tables would, and each alteration
// must be caught at the position it affects, by the chain, or, for what the chain alone
// cannot see (the end cut off, the chain recomputed), by a checkpoint signed before. The
// shape of test/audit/tamper.test.ts, over an interface each adapter's test file fills in
// with its own intruder (postgres-tamper.test.ts, sqlite-tamper.test.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { exportBundle } from '../../src/audit/bundle/export.js';
import { parseDateRange } from '../../src/audit/bundle/range.js';
import { verifyBundle } from '../../src/audit/bundle/verify.js';
import { checkStatement } from '../../src/audit/integrity/check-statement.js';
import { sqliteLedgerIntegrity } from '../../src/audit/checkpoints/sqlite/checkpoint-store.js';
import { evidenceOf, type LedgerIntegrity } from '../../src/audit/integrity/ledger-integrity.js';
import { signCheckpoint } from '../../src/audit/integrity/sign.js';
import type { SignedCheckpoint } from '../../src/audit/integrity/statement.js';
import type { ParallelOptions } from '../../src/audit/integrity/parallel-ranges.js';
import { verifyLedger, verifyLedgerWith, type LedgerVerification } from '../../src/audit/integrity/verify.js';
import { appendGenerated } from '../../src/generate/index.js';
import { canonicalJson, storedChainHash } from '../../src/store/chain.js';
import type { EventStore, StoredEvent } from '../../src/store/port.js';
import { newEvents } from '../contract/event-store.contract.js';

/** A log an intruder can reach: each change is made on a connection of its own, in one transaction, and must change something. */
export interface TamperableLog {
  store: EventStore;
  /** The rows as stored, in position order, read as an outsider. */
  rows(): Promise<StoredEvent[]>;
  /** Overwrites stored columns of the row at `position`. */
  setColumns(position: number, columns: { data?: string; metadata?: string; hash?: string }): Promise<void>;
  /** Deletes the rows from `from` to `to` (inclusive; to the end when omitted). */
  deleteRows(from: number, to?: number): Promise<void>;
  /** Swaps everything two rows hold but their positions. */
  swapRows(a: number, b: number): Promise<void>;
  /** Verify in ranges on worker threads (SQLite): the same answers expected, each break found by the ranges themselves. */
  parallel?: ParallelOptions;
  close(): Promise<void>;
}

/** Generated events: a few hundred, over many streams, through the domain's generator. */
const GENERATED = 300;

/**
 * What the adapter keeps besides the chain. A store with the Merkle tree (SQLite, PostgreSQL) catches a
 * rewritten event at that event, since the tree's stored nodes no longer match it, where the
 * chain alone sees the break one link later or only at a signed checkpoint.
 */
export interface TamperAbilities {
  merkleTree: boolean;
}

export function describeTamperEvidence(name: string, open: () => Promise<TamperableLog>, abilities: TamperAbilities): void {
  describe(`tamper evidence on ${name}`, () => {
    let log: TamperableLog;
    let dir: string;
    let serverDb: Database.Database;
    let integrity: LedgerIntegrity;
    let total: number;

    beforeEach(async () => {
      log = await open();
      dir = mkdtempSync(join(tmpdir(), 'ledger-tamper-suite-'));
      serverDb = openServerDb(dir);
      integrity = await sqliteLedgerIntegrity(dir, serverDb);
      total = await appendGenerated(log.store, { seed: 7, events: GENERATED, start: '2021-01-01T00:00:00Z', window: 16 });
    });

    afterEach(async () => {
      await log.close();
      serverDb.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const sign = async (): Promise<SignedCheckpoint> => (await signCheckpoint(log.store, integrity.key, integrity.checkpoints)).statement;
    const verify = async (): Promise<LedgerVerification> => {
      const evidence = await evidenceOf(integrity);
      if (!log.parallel) return verifyLedger(log.store, undefined, evidence);
      let fellBack = false;
      const result = await verifyLedgerWith(log.store, { evidence, parallel: { ...log.parallel, onFallback: () => (fellBack = true) } });
      if (result.ok === true) expect(fellBack, 'the ranges hold on a sound log').toBe(false);
      return result;
    };
    const row = async (position: number): Promise<StoredEvent> => (await log.rows())[position - 1] as StoredEvent;
    /** The row's data as a value changed by `change`, written back as canonical JSON (as the store writes it). */
    const rewriteData = async (position: number, change: (data: Record<string, unknown>) => Record<string, unknown>) =>
      log.setColumns(position, { data: canonicalJson(change(JSON.parse((await row(position)).dataJson) as Record<string, unknown>)) });

    describe('untouched', () => {
      it('verifies clean, reporting its head position and hash', async () => {
        expect(total).toBeGreaterThanOrEqual(GENERATED);
        expect(await verify()).toMatchObject({ ok: true, headPosition: total, headHash: (await row(total)).hash, checked: total });
      });

      it('verifies clean against the checkpoints it signed as it grew', async () => {
        await sign();
        await log.store.append('late-notes', newEvents(5));
        await sign();

        expect(await verify()).toMatchObject({ ok: true, headPosition: total + 5, checkpoints: { stored: 2, held: 2, invalid: [], latest: { position: total + 5 } } });
      });

      it('exports an audit bundle that verifies offline with the published key', async () => {
        await sign();
        const chunks: string[] = [];
        const summary = await exportBundle(log.store, parseDateRange('2000-01-01', '2100-12-31'), integrity, (chunk) => chunks.push(chunk));

        expect(summary).toMatchObject({ events: total });
        expect(verifyBundle(Buffer.from(chunks.join('')), { publicKey: integrity.key.publicKey })).toMatchObject({ ok: true, events: total, keyTrusted: true });
      });
    });

    describe('altered behind the store', () => {
      beforeEach(async () => {
        await sign();
      });

      it("an event's stored data altered is caught at that event", async () => {
        await rewriteData(137, (data) => ({ ...data, tampered: 1 }));

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 137, checked: 136 });
      });

      it("one byte of an event's stored data changed is caught at that event", async () => {
        const { dataJson } = await row(211);
        const at = dataJson.indexOf(':"') + 2;
        await log.setColumns(211, { data: dataJson.slice(0, at) + String.fromCharCode(dataJson.charCodeAt(at) ^ 1) + dataJson.slice(at + 1) });

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 211, checked: 210 });
      });

      it("an event's metadata altered (who recorded it) is caught at that event", async () => {
        const { metadataJson } = await row(12);
        await log.setColumns(12, { metadata: canonicalJson({ ...(JSON.parse(metadataJson) as object), actor: 'mallory' }) });

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 12, checked: 11 });
      });

      it('the same value spelled differently is caught: the chain covers the stored bytes', async () => {
        const { dataJson } = await row(77);
        await log.setColumns(77, { data: JSON.stringify(JSON.parse(dataJson), null, 1) });

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 77, checked: 76 });
      });

      it('bytes moved from data to metadata are caught, though the concatenation is unchanged', async () => {
        const { dataJson, metadataJson } = await row(150);
        await log.setColumns(150, { data: dataJson.slice(0, -1), metadata: `}${metadataJson}` });

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 150, checked: 149 });
      });

      it('an event whose data is no longer JSON is caught at that event', async () => {
        await log.setColumns(260, { data: '{broken' });

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 260, checked: 259 });
      });

      it('a deleted row is caught at its position', async () => {
        await log.deleteRows(250, 250);

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 250, checked: 249 });
      });

      it('two rows swapped are caught at the first of them', async () => {
        await log.swapRows(60, 280);

        expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: 60, checked: 59 });
      });

      it('an event rewritten with a recomputed hash breaks the link of the next one', async () => {
        const before = await row(49);
        const target = await row(50);
        const data = canonicalJson({ forged: true });
        await log.setColumns(50, { data, hash: storedChainHash(before.hash as string, { ...target, dataJson: data }) });

        const caught = abilities.merkleTree ? { problem: 'tree', brokenAt: 50 } : { problem: 'chain', brokenAt: 51, checked: 50 };
        expect(await verify()).toMatchObject({ ok: false, ...caught });
      });

      it('a truncated log is caught by the checkpoint signed before, at the first missing position', async () => {
        await log.deleteRows(total - 24);

        const result = await verify();

        expect(result).toMatchObject({ ok: false, problem: 'truncated', brokenAt: total - 24, checked: total - 25 });
        expect(result.ok === false && result.reason).toContain(`events ${total - 24} to ${total} are missing from the end`);
      });

      it('a log truncated and grown again past the signed position is caught at that position', async () => {
        await log.deleteRows(total - 9);
        await log.store.append('regrown', newEvents(20));

        // The tree still holds the cut-off events' leaves: the first regrown event differs from them.
        const caught = abilities.merkleTree ? { problem: 'tree', brokenAt: total - 9 } : { problem: 'rewritten', brokenAt: total };
        expect(await verify()).toMatchObject({ ok: false, ...caught });
      });

      it('an event rewritten with the whole chain after it recomputed passes the chain, not the checkpoint', async () => {
        await log.store.append('late-notes', newEvents(10));
        await sign();
        const rows = await log.rows();
        let previous = rows[total + 3 - 2]!.hash as string;
        for (const stored of rows.slice(total + 3 - 1)) {
          const dataJson = stored.position === total + 3 ? canonicalJson({ ...(JSON.parse(stored.dataJson) as object), rewritten: true }) : stored.dataJson;
          previous = storedChainHash(previous, { ...stored, dataJson });
          await log.setColumns(stored.position, { data: dataJson, hash: previous });
        }

        const result = await verify();

        if (abilities.merkleTree) {
          expect(result).toMatchObject({ ok: false, problem: 'tree', brokenAt: total + 3 });
        } else {
          expect(result).toMatchObject({ ok: false, problem: 'rewritten', brokenAt: total + 10 });
          // The first checkpoint still holds, which bounds where the change was made.
          expect(result.ok === false && result.reason).toContain(`after position ${total}`);
        }
      });

      it('the ledger refuses to sign a head it cannot verify', async () => {
        await log.deleteRows(total - 2);

        await expect(sign()).rejects.toMatchObject({ code: 'CHAIN_BROKEN', details: { brokenAt: total - 2, problem: 'truncated' } });
      });

      it("an auditor's earlier statement fails at the event changed since, and holds once the log only grew", async () => {
        const kept = await sign();
        const check = () => checkStatement(log.store, kept, integrity.key.publicKey, { ledgerId: integrity.ledgerId });
        await log.store.append('later', newEvents(7));
        expect(await check()).toEqual({ ok: true, position: total, headHash: kept.headHash, headPosition: total + 7, grownBy: 7 });

        await rewriteData(42, (data) => ({ ...data, tampered: 1 }));

        expect(await check()).toMatchObject({ ok: false, brokenAt: 42 });
      });
    });
  });
}
