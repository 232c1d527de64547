// Browser sessions: the scrutiny pages now, the officers' workbench next. A session is its own
// record (./port.ts), not the API token in a cookie: the browser holds a random id, the server
// keeps its hash and who it stands for, and the token never leaves the sign-in form.
//
// A session ends on sign-out, 8 hours after it opened whatever happens (absolute), after an
// hour without use (idle), when the credential that opened it expires, and when that credential
// is revoked (src/credentials/revoke.ts ends its sessions).

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../domain/actor.js';
import type { SessionRecord, SessionStore } from './port.js';

/** A working day. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** A browser left alone this long is signed out: a shared council PC should not stay signed in all day. */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
/** Idle time is counted from a use recorded at most once a minute: a write a minute per browser, not one a request. */
export const SEEN_EVERY_MS = 60_000;

const ID_PREFIX = 'els_';
/** What the form token is derived for; another purpose (a workbench action) would get its own. */
const FORM_PURPOSE = 'ledger form token v1';

export type Clock = () => Date;

export type SessionRefusal = 'UNAUTHENTICATED' | 'SESSION_EXPIRED';

export type Resolution = { ok: true; session: SessionRecord } | { ok: false; refusal: SessionRefusal };

export interface OpenedSession {
  /** For the cookie, once: never stored. */
  id: string;
  session: SessionRecord;
  /** Seconds until its absolute end, for the cookie's Max-Age. */
  maxAgeSeconds: number;
}

const hashId = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');
const looksLikeSessionId = (value: string): boolean => value.startsWith(ID_PREFIX) && value.length === ID_PREFIX.length + 43;

export class Sessions {
  constructor(
    readonly store: SessionStore,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /**
   * Open a session for an actor. `notAfter` (the credential's own expiry) shortens it: a session
   * never outlives what opened it. Sessions already over are forgotten first, so the store holds
   * the live ones and those ended since the last sign-in.
   */
  async open(input: { actor: Actor; credentialId: string | null; notAfter?: string | null }): Promise<OpenedSession> {
    const now = this.clock();
    await this.store.endExpired(now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
    const id = ID_PREFIX + randomBytes(32).toString('base64url');
    const end = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
    const expiresAt = input.notAfter && input.notAfter < end ? input.notAfter : end;
    const session: SessionRecord = {
      idHash: hashId(id),
      actorId: input.actor.id,
      role: input.actor.role,
      organisationId: input.actor.organisationId,
      credentialId: input.credentialId,
      csrfSecret: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
      expiresAt,
      lastSeenAt: now.toISOString(),
    };
    await this.store.add(session);
    return { id, session, maxAgeSeconds: Math.max(0, Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000)) };
  }

  /** The live session a cookie names: one lookup; a use recorded at most once a minute. */
  async resolve(id: string): Promise<Resolution> {
    if (!looksLikeSessionId(id)) return { ok: false, refusal: 'UNAUTHENTICATED' };
    const idHash = hashId(id);
    const session = await this.store.findByIdHash(idHash);
    if (!session) return { ok: false, refusal: 'UNAUTHENTICATED' };
    const now = this.clock();
    const idleSince = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
    if (session.expiresAt <= now.toISOString() || session.lastSeenAt <= idleSince) {
      await this.store.end(idHash);
      return { ok: false, refusal: 'SESSION_EXPIRED' };
    }
    const seenSince = new Date(now.getTime() - SEEN_EVERY_MS).toISOString();
    if (session.lastSeenAt <= seenSince) await this.store.markSeen(idHash, now.toISOString(), seenSince);
    return { ok: true, session };
  }

  /** Sign-out: false when the cookie named no session. */
  end(id: string): Promise<boolean> {
    return looksLikeSessionId(id) ? this.store.end(hashId(id)) : Promise.resolve(false);
  }

  endForCredential(credentialId: string): Promise<number> {
    return this.store.endForCredential(credentialId);
  }

  /** Every session of an identity signed in without a credential (single sign-on), when its mapping is removed. */
  endForActor(actorId: string): Promise<number> {
    return this.store.endForActor(actorId);
  }

  /** The token a session's forms carry: derived from its secret, so it is not the secret itself. */
  formToken(session: SessionRecord): string {
    return createHmac('sha256', session.csrfSecret).update(FORM_PURPOSE).digest('base64url');
  }

  /** Whether a form's token is this session's, compared in constant time. */
  checkFormToken(session: SessionRecord, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.formToken(session));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
