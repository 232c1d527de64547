// The behaviour every SessionStore adapter must share (src/sessions/port.ts). Each adapter's
// test file calls describeSessionStoreContract with a way to open a fresh store.

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRecord, SessionStore } from '../../src/sessions/port.js';

export interface SessionStoreSubject {
  store: SessionStore;
  cleanup(): Promise<void>;
}

export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    idHash: randomBytes(32).toString('hex'),
    actorId: 'credential:01CONTRACT',
    role: 'scrutiny',
    organisationId: null,
    credentialId: '01CONTRACT',
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: '2026-01-01T09:00:00.000Z',
    expiresAt: '2026-01-01T17:00:00.000Z',
    lastSeenAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export function describeSessionStoreContract(name: string, open: () => Promise<SessionStoreSubject>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let subject: SessionStoreSubject;
    let store: SessionStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    it('finds a session it keeps by its id hash, every field as given, a credential or none', async () => {
      const opened = sessionRecord();
      const withoutCredential = sessionRecord({ credentialId: null, actorId: 'oidc:halton/jo', role: 'officer', organisationId: 'halton-council' });
      await store.add(opened);
      await store.add(withoutCredential);
      expect(await store.findByIdHash(opened.idHash)).toEqual(opened);
      expect(await store.findByIdHash(withoutCredential.idHash)).toEqual(withoutCredential);
      expect(await store.findByIdHash(randomBytes(32).toString('hex'))).toBeUndefined();
    });

    it('refuses a second session with the same id hash', async () => {
      const first = sessionRecord();
      await store.add(first);
      await expect(store.add(sessionRecord({ idHash: first.idHash, actorId: 'someone else' }))).rejects.toThrow();
      expect(await store.findByIdHash(first.idHash)).toEqual(first);
    });

    it('ends one session, and says whether there was one', async () => {
      const [a, b] = [sessionRecord(), sessionRecord()];
      await store.add(a);
      await store.add(b);
      expect(await store.end(a.idHash)).toBe(true);
      expect(await store.end(a.idHash)).toBe(false);
      expect(await store.findByIdHash(a.idHash)).toBeUndefined();
      expect(await store.findByIdHash(b.idHash)).toEqual(b);
    });

    it('ends every session one credential opened, and no other', async () => {
      const mine = [sessionRecord({ credentialId: 'A' }), sessionRecord({ credentialId: 'A' })];
      const others = [sessionRecord({ credentialId: 'B' }), sessionRecord({ credentialId: null })];
      for (const session of [...mine, ...others]) await store.add(session);
      expect(await store.endForCredential('A')).toBe(2);
      for (const session of mine) expect(await store.findByIdHash(session.idHash)).toBeUndefined();
      for (const session of others) expect(await store.findByIdHash(session.idHash)).toEqual(session);
      expect(await store.endForCredential('A')).toBe(0);
    });

    it('ends every session that stands for one actor, and no other', async () => {
      const mine = [sessionRecord({ actorId: 'oidc:login.example:jo', credentialId: null }), sessionRecord({ actorId: 'oidc:login.example:jo', credentialId: null })];
      const others = [sessionRecord({ actorId: 'oidc:login.example:sam', credentialId: null }), sessionRecord()];
      for (const session of [...mine, ...others]) await store.add(session);
      expect(await store.endForActor('oidc:login.example:jo')).toBe(2);
      for (const session of mine) expect(await store.findByIdHash(session.idHash)).toBeUndefined();
      for (const session of others) expect(await store.findByIdHash(session.idHash)).toEqual(session);
      expect(await store.endForActor('oidc:login.example:jo')).toBe(0);
    });

    it('records a use unless a later one is already recorded', async () => {
      const session = sessionRecord();
      await store.add(session);
      await store.markSeen(session.idHash, '2026-01-01T10:00:00.000Z', '2026-01-01T09:59:00.000Z');
      expect((await store.findByIdHash(session.idHash))?.lastSeenAt).toBe('2026-01-01T10:00:00.000Z');
      await store.markSeen(session.idHash, '2026-01-01T10:00:30.000Z', '2026-01-01T09:59:30.000Z');
      expect((await store.findByIdHash(session.idHash))?.lastSeenAt).toBe('2026-01-01T10:00:00.000Z');
    });

    it('forgets the sessions past their end or idle since a time, and keeps the rest', async () => {
      const over = sessionRecord({ expiresAt: '2026-01-01T12:00:00.000Z', lastSeenAt: '2026-01-01T11:59:00.000Z' });
      const idle = sessionRecord({ lastSeenAt: '2026-01-01T10:00:00.000Z' });
      const live = sessionRecord({ lastSeenAt: '2026-01-01T11:30:00.000Z' });
      for (const session of [over, idle, live]) await store.add(session);
      expect(await store.endExpired('2026-01-01T12:00:00.000Z', '2026-01-01T11:00:00.000Z')).toBe(2);
      expect(await store.findByIdHash(over.idHash)).toBeUndefined();
      expect(await store.findByIdHash(idle.idHash)).toBeUndefined();
      expect(await store.findByIdHash(live.idHash)).toEqual(live);
    });
  });
}
