// The behaviour every KeyStore adapter must share (src/privacy/keys/port.ts), through the
// SubjectKeys service that wraps and unwraps its keys. Each adapter's test file calls
// describeKeyStoreContract with a way to open several stores over one backing store (one
// keys.db, one database), as several processes or nodes would.

import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SubjectAlreadyErased, SubjectKeys } from '../../src/privacy/key-store.js';
import type { KeyStore } from '../../src/privacy/keys/port.js';
import { MasterKeyProblem } from '../../src/privacy/master-key.js';

export interface KeyStoreSubject {
  /** Another store over the same keys (another process, another node). */
  open(): Promise<KeyStore>;
  cleanup(): Promise<void>;
}

export function describeKeyStoreContract(name: string, subjectOf: () => Promise<KeyStoreSubject>): void {
  describe(`KeyStore contract: ${name}`, () => {
    const master = randomBytes(32);
    let subject: KeyStoreSubject;
    const opened: SubjectKeys[] = [];
    const node = async (key: Buffer = master) => {
      const keys = await SubjectKeys.over(await subject.open(), () => key);
      opened.push(keys);
      return keys;
    };
    beforeEach(async () => {
      subject = await subjectOf();
    });
    afterEach(async () => {
      for (const keys of opened.splice(0)) await keys.close();
      await subject.cleanup();
    });

    it('gives each subject one key of 256 bits, the same on every call and through every store', async () => {
      const [a, b] = [await node(), await node()];
      const [p1, p2] = [ulid(), ulid()];
      const first = await a.keysToSeal([p1, p2, p1]);
      expect(first.size).toBe(2);
      expect(first.get(p1)).toHaveLength(32);
      expect(first.get(p1)).not.toEqual(first.get(p2));
      expect(await b.keyToOpen(p1)).toEqual(first.get(p1));
      expect((await b.keysToSeal([p1])).get(p1)).toEqual(first.get(p1));
      expect(await b.keysToOpen([p1, p2, 'nobody'])).toEqual(new Map([[p1, first.get(p1)], [p2, first.get(p2)], ['nobody', null]]));
      expect(await b.status(p1)).toBe('live');
      expect(await b.status('nobody')).toBe('unknown');
    });

    it('keeps keys wrapped: what the store holds is not the key', async () => {
      const keys = await node();
      const person = ulid();
      const key = (await keys.keysToSeal([person])).get(person) as Buffer;
      const store = await subject.open();
      try {
        const wrapped = (await store.wrappedKeys([person])).get(person) as Buffer;
        expect(wrapped.includes(key)).toBe(false);
        expect(wrapped.length).toBeGreaterThan(key.length);
      } finally {
        await store.close();
      }
    });

    it('gives one key to a subject first sealed by several stores at once', async () => {
      const nodes = await Promise.all([node(), node(), node()]);
      const person = ulid();
      const made = await Promise.all(nodes.map((keys) => keys.keysToSeal([person, ulid()])));
      const keys = made.map((m) => m.get(person) as Buffer);
      expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
      expect(await nodes[0]!.keyToOpen(person)).toEqual(keys[0]);
    });

    it('refuses a master key that is not the one the keys were wrapped with', async () => {
      await (await node()).keysToSeal([ulid()]);
      await expect(node(randomBytes(32))).rejects.toThrow(MasterKeyProblem);
    });

    it('erases a key for every store at once, idempotently, and refuses the subject new data', async () => {
      const [server, other] = [await node(), await node()];
      const [gone, kept] = [ulid(), ulid()];
      await server.keysToSeal([gone, kept]);
      expect(await other.keyToOpen(gone)).not.toBeNull();

      expect(await other.erase(gone, '2026-11-23T00:00:00.000Z')).toBe('erased');
      expect(await other.erase(gone, '2026-11-23T00:00:01.000Z')).toBe('already_erased');

      expect(await server.keyToOpen(gone)).toBeNull();
      expect(await server.status(gone)).toBe('erased');
      await expect(server.keysToSeal([kept, gone])).rejects.toThrow(SubjectAlreadyErased);
      expect(await server.keyToOpen(kept)).not.toBeNull();
    });

    it('never keeps a key for a subject erased while a batch naming them is sealed', async () => {
      const [sealer, eraser] = [await node(), await node()];
      const person = ulid();
      await sealer.keysToSeal([person]);
      // Seals of the subject race with their erasure: whatever wins, after the erasure no key remains.
      const seals = Array.from({ length: 6 }, () => sealer.keysToSeal([person, ulid()]).then(() => 'sealed', (e: unknown) => (e instanceof SubjectAlreadyErased ? 'refused' : String(e))));
      const erased = eraser.erase(person, '2026-11-23T00:00:00.000Z');
      const outcomes = await Promise.all(seals);
      await erased;
      expect(outcomes.every((o) => o === 'sealed' || o === 'refused')).toBe(true);
      expect(await sealer.keyToOpen(person)).toBeNull();
      expect(await sealer.status(person)).toBe('erased');
    });
  });
}
