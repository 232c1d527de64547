// The behaviour every ClaimStore adapter must share (src/idempotency/port.ts). Each adapter's
// test file calls describeClaimStoreContract with a way to open stores for several
// processes over one backing store (one server.db, one database).

import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore } from '../../src/idempotency/port.js';

export interface ClaimStoreSubject {
  /** A store for the process `owner`, over the same claims as every other this subject opens. */
  open(owner: string): Promise<ClaimStore>;
  cleanup(): Promise<void>;
}

export function describeClaimStoreContract(name: string, subjectOf: () => Promise<ClaimStoreSubject>): void {
  describe(`ClaimStore contract: ${name}`, () => {
    let subject: ClaimStoreSubject;
    const opened: ClaimStore[] = [];
    const processNamed = async (owner: string) => {
      const store = await subject.open(owner);
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

    it('claims a key once: the claim names its process and request, with no answer yet', async () => {
      const a = await processNamed('a');
      const key = ulid();
      expect(await a.claim('cred-1', key, 'hash-1')).toBe(true);
      expect(await a.claim('cred-1', key, 'hash-1')).toBe(false);
      expect(await (await processNamed('b')).claim('cred-1', key, 'hash-2')).toBe(false);
      expect(await a.find('cred-1', key)).toEqual({ requestHash: 'hash-1', answer: null, owner: 'a' });
    });

    it('keeps keys apart per scope, and finds nothing for a key never claimed', async () => {
      const a = await processNamed('a');
      const key = ulid();
      expect(await a.claim('cred-1', key, 'hash-1')).toBe(true);
      expect(await a.claim('cred-2', key, 'hash-1')).toBe(true);
      expect(await a.find('cred-3', key)).toBeUndefined();
    });

    it('keeps answers, found by every process; a kept answer is never released', async () => {
      const [a, b] = [await processNamed('a'), await processNamed('b')];
      const [k1, k2] = [ulid(), ulid()];
      await a.claim('cred-1', k1, 'hash-1');
      await a.claim('cred-1', k2, 'hash-2');
      await a.keep([
        { scope: 'cred-1', key: k1, status: 422, body: { error: { code: 'ACTIVITY_NOT_OPEN', details: { n: 1 } } } },
        { scope: 'cred-1', key: k2, status: 200, body: { events: [] } },
      ]);
      await b.release('cred-1', k1);
      expect(await b.find('cred-1', k1)).toEqual({ requestHash: 'hash-1', answer: { status: 422, body: { error: { code: 'ACTIVITY_NOT_OPEN', details: { n: 1 } } } }, owner: 'a' });
      expect((await b.find('cred-1', k2))?.answer).toEqual({ status: 200, body: { events: [] } });
    });

    it('releases a claim with no answer: the key can be claimed again, by anyone', async () => {
      const [a, b] = [await processNamed('a'), await processNamed('b')];
      const key = ulid();
      await a.claim('cred-1', key, 'hash-1');
      await a.release('cred-1', key);
      expect(await a.find('cred-1', key)).toBeUndefined();
      expect(await b.claim('cred-1', key, 'hash-1')).toBe(true);
    });

    it('releases several claims at once; those with an answer stay, and keys never claimed are no matter', async () => {
      const [a, b] = [await processNamed('a'), await processNamed('b')];
      const [k1, k2, answered, never] = [ulid(), ulid(), ulid(), ulid()];
      await a.claim('cred-1', k1, 'hash-1');
      await a.claim('cred-2', k2, 'hash-2');
      await a.claim('cred-1', answered, 'hash-3');
      await a.keep([{ scope: 'cred-1', key: answered, status: 422, body: { error: { code: 'ACTIVITY_NOT_OPEN' } } }]);

      await b.releaseAll([
        { scope: 'cred-1', key: k1 },
        { scope: 'cred-2', key: k2 },
        { scope: 'cred-1', key: answered },
        { scope: 'cred-1', key: never },
      ]);
      await b.releaseAll([]);

      expect(await a.find('cred-1', k1)).toBeUndefined();
      expect(await a.find('cred-2', k2)).toBeUndefined();
      expect((await a.find('cred-1', answered))?.answer).toEqual({ status: 422, body: { error: { code: 'ACTIVITY_NOT_OPEN' } } });
      expect(await b.claim('cred-1', k1, 'hash-1')).toBe(true);
    });

    it('releases only the claims named: the same key in another scope stays claimed', async () => {
      const a = await processNamed('a');
      const key = ulid();
      await a.claim('cred-1', key, 'hash-1');
      await a.claim('cred-2', key, 'hash-1');

      await a.releaseAll([{ scope: 'cred-1', key }]);

      expect(await a.find('cred-1', key)).toBeUndefined();
      expect(await a.find('cred-2', key)).toEqual({ requestHash: 'hash-1', answer: null, owner: 'a' });
    });

    it('of several claims of one key made at once by one process, one wins; other keys claimed with them are each claimed', async () => {
      const a = await processNamed('a');
      const [key, other] = [ulid(), ulid()];

      const claimed = await Promise.all([a.claim('cred-1', key, 'h'), a.claim('cred-1', other, 'h'), a.claim('cred-1', key, 'h'), a.claim('cred-1', key, 'h')]);

      expect(claimed).toEqual([true, true, false, false]);
    });

    it('takes over a claim left by a process that is gone', async () => {
      const gone = await processNamed('gone');
      const key = ulid();
      await gone.claim('cred-1', key, 'hash-1');
      await gone.close();
      const b = await processNamed('b');

      expect(await b.takeOver('cred-1', key, 'gone')).toBe(true);
      expect(await b.find('cred-1', key)).toEqual({ requestHash: 'hash-1', answer: null, owner: 'b' });
    });

    it('of several processes taking over one claim at once, one wins', async () => {
      const gone = await processNamed('gone');
      const key = ulid();
      await gone.claim('cred-1', key, 'hash-1');
      await gone.close();
      const takers = await Promise.all(['b', 'c', 'd'].map((owner) => processNamed(owner)));

      const won = await Promise.all(takers.map((t) => t.takeOver('cred-1', key, 'gone')));

      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await takers[0]!.find('cred-1', key))?.owner).toBe(['b', 'c', 'd'][won.indexOf(true)]);
    });

    it('takes over nothing it holds itself, nothing answered, and nothing held by another than the one seen', async () => {
      const [a, gone] = [await processNamed('a'), await processNamed('gone')];
      const [mine, answered, moved] = [ulid(), ulid(), ulid()];
      await a.claim('cred-1', mine, 'h');
      await gone.claim('cred-1', answered, 'h');
      await gone.keep([{ scope: 'cred-1', key: answered, status: 422, body: {} }]);
      await gone.claim('cred-1', moved, 'h');
      await gone.close();

      expect(await a.takeOver('cred-1', mine, 'a')).toBe(false);
      expect(await a.takeOver('cred-1', answered, 'gone')).toBe(false);
      expect(await a.takeOver('cred-1', moved, 'someone else')).toBe(false);
      expect((await a.find('cred-1', moved))?.owner).toBe('gone');
    });
  });
}
