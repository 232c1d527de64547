// The behaviour every CredentialStore adapter must share (src/credentials/port.ts). Each
// adapter's test file calls describeCredentialStoreContract with a way to open a fresh store.

import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialRecord, CredentialStore } from '../../src/credentials/port.js';

export interface CredentialStoreSubject {
  store: CredentialStore;
  cleanup(): Promise<void>;
}

const ulid = monotonicFactory();

export function credentialRecord(overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    id: ulid(),
    tokenHash: randomBytes(32).toString('hex'),
    role: 'auditor',
    organisationId: null,
    label: 'contract',
    createdAt: '2026-01-01T09:00:00.000Z',
    createdBy: 'contract',
    expiresAt: null,
    revokedAt: null,
    revokedBy: null,
    revocationReason: null,
    lastUsedAt: null,
    ...overrides,
  };
}

export function describeCredentialStoreContract(name: string, open: () => Promise<CredentialStoreSubject>): void {
  describe(`CredentialStore contract: ${name}`, () => {
    let subject: CredentialStoreSubject;
    let store: CredentialStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    it('finds a credential it keeps by its token hash and by its id, every field as given', async () => {
      const officer = credentialRecord({ role: 'officer', organisationId: 'halton-council', expiresAt: '2026-04-01T09:00:00.000Z' });
      await store.add(officer);
      expect(await store.findByTokenHash(officer.tokenHash)).toEqual(officer);
      expect(await store.find(officer.id)).toEqual(officer);
    });

    it('finds nothing for a hash or an id it does not keep', async () => {
      await store.add(credentialRecord());
      expect(await store.findByTokenHash(randomBytes(32).toString('hex'))).toBeUndefined();
      expect(await store.find(ulid())).toBeUndefined();
    });

    it('refuses a second credential with the same token hash or the same id', async () => {
      const first = credentialRecord();
      await store.add(first);
      await expect(store.add(credentialRecord({ tokenHash: first.tokenHash }))).rejects.toThrow();
      await expect(store.add(credentialRecord({ id: first.id }))).rejects.toThrow();
      expect(await store.list()).toEqual([first]);
    });

    it('lists every credential, oldest first', async () => {
      const records = [credentialRecord({ label: 'a' }), credentialRecord({ label: 'b', role: 'admin' }), credentialRecord({ label: 'c' })];
      for (const record of [...records].reverse()) await store.add(record);
      expect(await store.list()).toEqual(records);
    });

    it('revokes once: a second revocation leaves the first one’s time, author and reason', async () => {
      const record = credentialRecord();
      await store.add(record);
      const first = { at: '2026-02-01T10:00:00.000Z', by: 'credential:admin', reason: 'left the panel' };
      expect(await store.revoke(record.id, first)).toEqual({ ...record, revokedAt: first.at, revokedBy: first.by, revocationReason: first.reason });
      const second = await store.revoke(record.id, { at: '2026-02-02T10:00:00.000Z', by: 'someone else', reason: null });
      expect(second).toMatchObject({ revokedAt: first.at, revokedBy: first.by, revocationReason: first.reason });
      expect(await store.findByTokenHash(record.tokenHash)).toEqual(second);
    });

    it('answers undefined when revoking a credential it does not keep', async () => {
      expect(await store.revoke(ulid(), { at: '2026-02-01T10:00:00.000Z', by: 'x', reason: null })).toBeUndefined();
    });

    it('records a use unless a later one is already recorded', async () => {
      const record = credentialRecord();
      await store.add(record);
      await store.markUsed(record.id, '2026-02-01T10:00:00.000Z', '2026-02-01T09:59:00.000Z');
      expect((await store.find(record.id))?.lastUsedAt).toBe('2026-02-01T10:00:00.000Z');
      // Another node recorded 10:00:00 already: a use at 10:00:30 with a minute's window writes nothing.
      await store.markUsed(record.id, '2026-02-01T10:00:30.000Z', '2026-02-01T09:59:30.000Z');
      expect((await store.find(record.id))?.lastUsedAt).toBe('2026-02-01T10:00:00.000Z');
      // A minute on, it does.
      await store.markUsed(record.id, '2026-02-01T10:01:00.000Z', '2026-02-01T10:00:00.000Z');
      expect((await store.find(record.id))?.lastUsedAt).toBe('2026-02-01T10:01:00.000Z');
    });

    it('says whether an administrator credential was ever issued, revoked or not', async () => {
      expect(await store.hasAdmin()).toBe(false);
      await store.add(credentialRecord({ role: 'auditor' }));
      expect(await store.hasAdmin()).toBe(false);
      const admin = credentialRecord({ role: 'admin' });
      await store.add(admin);
      expect(await store.hasAdmin()).toBe(true);
      await store.revoke(admin.id, { at: '2026-02-01T10:00:00.000Z', by: 'x', reason: null });
      expect(await store.hasAdmin()).toBe(true);
    });

    it('keeps a first administrator only while no administrator was ever issued', async () => {
      const first = credentialRecord({ role: 'admin', label: 'first' });
      expect(await store.addFirstAdmin(first)).toBe(true);
      await store.revoke(first.id, { at: '2026-02-01T10:00:00.000Z', by: 'x', reason: null });
      expect(await store.addFirstAdmin(credentialRecord({ role: 'admin', label: 'second' }))).toBe(false);
      expect((await store.list()).map((c) => c.label)).toEqual(['first']);
    });

    it('of several asking at once on a new ledger, keeps exactly one first administrator', async () => {
      const asked = Array.from({ length: 6 }, (_, i) => credentialRecord({ role: 'admin', label: `node ${i}` }));
      const kept = await Promise.all(asked.map((record) => store.addFirstAdmin(record)));
      expect(kept.filter(Boolean)).toHaveLength(1);
      expect(await store.list()).toEqual([asked[kept.indexOf(true)]]);
    });
  });
}
