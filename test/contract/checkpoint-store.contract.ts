// The behaviour every CheckpointStore adapter must share (src/audit/checkpoints/port.ts).
// Each adapter's test file calls describeCheckpointStoreContract with a way to open several
// stores over one backing store (server.db, one database), as several processes would.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointStore } from '../../src/audit/checkpoints/port.js';
import type { SignedCheckpoint } from '../../src/audit/integrity/statement.js';

export interface CheckpointStoreSubject {
  open(): Promise<CheckpointStore>;
  cleanup(): Promise<void>;
  /** The stores of this subject take signing turns across processes (PostgreSQL), not only within one (SQLite). */
  turnsAcrossProcesses: boolean;
}

const statement = (position: number, ledger = 'ledger-contract'): SignedCheckpoint => ({
  ledger,
  position,
  headHash: position.toString(16).padStart(64, '0'),
  signedAt: new Date(Date.UTC(2026, 0, 1, 0, position)).toISOString(),
  keyId: 'a'.repeat(64),
  signature: Buffer.from(`signature ${position}`).toString('base64'),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeCheckpointStoreContract(name: string, subjectOf: () => Promise<CheckpointStoreSubject>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    let subject: CheckpointStoreSubject;
    const opened: CheckpointStore[] = [];
    const open = async () => {
      const store = await subject.open();
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      subject = await subjectOf();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await subject.cleanup();
    });

    it('names the ledger once: every store, asking at once, gets the same id', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      const ids = await Promise.all(stores.flatMap((s) => [s.ledgerId(), s.ledgerId()]));
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toMatch(/^ledger-[0-9A-Z]{26}$/);
    });

    it('keeps statements in the order they were signed, every field as given, for every store', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.latest()).toBeNull();
      expect(await a.count()).toBe(0);
      const kept = [await a.record(statement(3)), await b.record(statement(7)), await a.record(statement(5))];
      expect(kept.map((k) => k.statement)).toEqual([statement(3), statement(7), statement(5)]);
      expect(kept[0]!.sequence).toBeLessThan(kept[1]!.sequence);
      expect(kept[1]!.sequence).toBeLessThan(kept[2]!.sequence);

      expect(await b.list()).toEqual(kept);
      expect(await b.list({ after: kept[0]!.sequence, limit: 1 })).toEqual([kept[1]]);
      expect(await b.latest()).toEqual(kept[2]);
      expect(await b.count()).toBe(3);
    });

    it('lets one signer at a time work, and the next in once it is done, even when it failed', async () => {
      const [a, b] = subject.turnsAcrossProcesses ? [await open(), await open()] : [await open(), undefined];
      const other = b ?? a;
      const spans: string[] = [];
      const work = (label: string, fail = false) => async () => {
        spans.push(`${label} in`);
        await sleep(150);
        spans.push(`${label} out`);
        if (fail) throw new Error(`${label} failed`);
        return label;
      };
      const first = a.whileSigning(work('first', true));
      await sleep(30);
      const second = other.whileSigning(work('second'));
      await expect(first).rejects.toThrow('first failed');
      expect(await second).toBe('second');
      expect(spans).toEqual(['first in', 'first out', 'second in', 'second out']);
    });

    it('does nothing, without waiting, when asked not to wait while another signs', async () => {
      const [a, b] = subject.turnsAcrossProcesses ? [await open(), await open()] : [await open(), undefined];
      const other = b ?? a;
      let ran = false;
      const holding = a.whileSigning(() => sleep(300).then(() => 'held'));
      await sleep(50);
      const started = Date.now();
      expect(await other.whileSigning(async () => (ran = true), { wait: false })).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(250);
      expect(ran).toBe(false);
      expect(await holding).toBe('held');
      expect(await other.whileSigning(async () => 'free now', { wait: false })).toBe('free now');
    });
  });
}
