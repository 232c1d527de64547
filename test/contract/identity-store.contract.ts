// The behaviour every IdentityStore adapter must share (src/identity/port.ts). Each adapter's
// test file calls describeIdentityStoreContract with a way to open a fresh store.

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityMapping, IdentityStore, PendingSignIn } from '../../src/identity/port.js';

export interface IdentityStoreSubject {
  store: IdentityStore;
  cleanup(): Promise<void>;
}

const ISSUER = 'https://login.example.org/tenant/v2.0';

export function identityMapping(overrides: Partial<IdentityMapping> = {}): IdentityMapping {
  return {
    id: `01MAP${randomBytes(6).toString('hex').toUpperCase()}`,
    issuer: ISSUER,
    by: 'subject',
    value: `sub-${randomBytes(4).toString('hex')}`,
    role: 'officer',
    organisationId: 'halton-council',
    label: 'Jo, housing',
    createdAt: '2026-01-01T09:00:00.000Z',
    createdBy: 'admin',
    lastSignInAt: null,
    ...overrides,
  };
}

function pendingSignIn(overrides: Partial<PendingSignIn> = {}): PendingSignIn {
  return {
    idHash: randomBytes(32).toString('hex'),
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    codeVerifier: randomBytes(32).toString('base64url'),
    next: '/workbench',
    expiresAt: '2026-01-01T09:10:00.000Z',
    ...overrides,
  };
}

export function describeIdentityStoreContract(name: string, open: () => Promise<IdentityStoreSubject>): void {
  describe(`IdentityStore contract: ${name}`, () => {
    let subject: IdentityStoreSubject;
    let store: IdentityStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    it('finds a mapping it keeps by identity and by id, every field as given', async () => {
      const bySubject = identityMapping();
      const byEmail = identityMapping({ by: 'email', value: 'jo@halton.example', role: 'scrutiny', organisationId: null, label: null });
      await store.addMapping(bySubject);
      await store.addMapping(byEmail);
      expect(await store.findMapping(ISSUER, 'subject', bySubject.value)).toEqual(bySubject);
      expect(await store.findMapping(ISSUER, 'email', 'jo@halton.example')).toEqual(byEmail);
      expect(await store.findMappingById(byEmail.id)).toEqual(byEmail);
      // The same value under another issuer, or matched the other way, is another identity.
      expect(await store.findMapping('https://elsewhere.example', 'subject', bySubject.value)).toBeUndefined();
      expect(await store.findMapping(ISSUER, 'email', bySubject.value)).toBeUndefined();
    });

    it('refuses a second mapping of the same identity, and keeps the first', async () => {
      const first = identityMapping();
      await store.addMapping(first);
      await expect(store.addMapping(identityMapping({ value: first.value, role: 'auditor', organisationId: null }))).rejects.toThrow();
      expect(await store.findMapping(ISSUER, 'subject', first.value)).toEqual(first);
    });

    it('lists every mapping, oldest first', async () => {
      const later = identityMapping({ createdAt: '2026-02-01T09:00:00.000Z' });
      const earlier = identityMapping({ createdAt: '2026-01-01T09:00:00.000Z' });
      await store.addMapping(later);
      await store.addMapping(earlier);
      expect((await store.listMappings()).map((m) => m.id)).toEqual([earlier.id, later.id]);
    });

    it('records sign-ins: the last one on the mapping, and each actor once', async () => {
      const mapping = identityMapping();
      await store.addMapping(mapping);
      await store.recordSignIn(mapping.id, 'oidc:login.example.org:jo', '2026-01-02T09:00:00.000Z');
      await store.recordSignIn(mapping.id, 'oidc:login.example.org:jo', '2026-01-03T09:00:00.000Z');
      expect((await store.findMappingById(mapping.id))?.lastSignInAt).toBe('2026-01-03T09:00:00.000Z');
      expect(await store.actorsSignedInWith(mapping.id)).toEqual(['oidc:login.example.org:jo']);
    });

    it('removes a mapping with the sign-ins made through it, and says whether there was one', async () => {
      const [mapping, other] = [identityMapping(), identityMapping()];
      await store.addMapping(mapping);
      await store.addMapping(other);
      await store.recordSignIn(mapping.id, 'oidc:a:1', '2026-01-02T09:00:00.000Z');
      await store.recordSignIn(other.id, 'oidc:a:2', '2026-01-02T09:00:00.000Z');
      expect(await store.removeMapping(mapping.id)).toBe(true);
      expect(await store.removeMapping(mapping.id)).toBe(false);
      expect(await store.findMappingById(mapping.id)).toBeUndefined();
      expect(await store.actorsSignedInWith(mapping.id)).toEqual([]);
      expect(await store.actorsSignedInWith(other.id)).toEqual(['oidc:a:2']);
    });

    it('gives a pending sign-in back once, and never after it expired', async () => {
      const pending = pendingSignIn();
      const expired = pendingSignIn({ expiresAt: '2026-01-01T08:59:00.000Z' });
      await store.addPendingSignIn(pending);
      await store.addPendingSignIn(expired);
      const now = '2026-01-01T09:00:00.000Z';
      expect(await store.takePendingSignIn(expired.idHash, now)).toBeUndefined();
      expect(await store.takePendingSignIn(pending.idHash, now)).toEqual(pending);
      expect(await store.takePendingSignIn(pending.idHash, now)).toBeUndefined();
      expect(await store.takePendingSignIn(randomBytes(32).toString('hex'), now)).toBeUndefined();
    });
  });
}
