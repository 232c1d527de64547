// Where browser sessions are kept: a small port, so any of several API nodes can answer a
// signed-in browser once the sessions live in PostgreSQL. Every adapter passes
// test/contract/session-store.contract.ts.

import type { Role } from '../domain/actor.js';

/**
 * One browser session as stored. The browser holds a random id; only its SHA-256 is kept,
 * so a copy of the store opens no session. Times are ISO-8601 UTC strings.
 */
export interface SessionRecord {
  idHash: string;
  /** Who the session stands for. */
  actorId: string;
  role: Role;
  organisationId: string | null;
  /** The credential that opened it; null for a session opened another way (an OpenID Connect sign-in). */
  credentialId: string | null;
  /** Per-session secret the form token is derived from (src/sessions/sessions.ts). */
  csrfSecret: string;
  createdAt: string;
  /** The absolute end: no use extends it. */
  expiresAt: string;
  /** The last use recorded, at most once a minute: what idle expiry counts from. */
  lastSeenAt: string;
}

export interface SessionStore {
  add(session: SessionRecord): Promise<void>;
  /** The session whose id hashes to `idHash`: one lookup by primary key, the only one a request makes. */
  findByIdHash(idHash: string): Promise<SessionRecord | undefined>;
  /** Record a use at `at`, unless the one already recorded is later than `unlessAfter`. */
  markSeen(idHash: string, at: string, unlessAfter: string): Promise<void>;
  /** End one session (sign-out); false when there was none. */
  end(idHash: string): Promise<boolean>;
  /** End every session a credential opened (it was revoked); how many ended. */
  endForCredential(credentialId: string): Promise<number>;
  /** End every session that stands for an actor (an identity whose mapping was removed); how many ended. */
  endForActor(actorId: string): Promise<number>;
  /** Forget sessions past their end, or last seen at or before `idleSince`; how many. */
  endExpired(now: string, idleSince: string): Promise<number>;
}
