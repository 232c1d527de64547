// Where the identities an administrator mapped are kept, and the sign-ins under way: a small
// port, so several API nodes can share them once they live in PostgreSQL. Every adapter passes
// test/contract/identity-store.contract.ts.

import type { Role } from '../domain/actor.js';

/** How a mapping recognises a person: the provider's subject (stable, never reassigned) or a verified e-mail address. */
export type MatchBy = 'subject' | 'email';

/** One person (or one address) of an identity provider, given a role and an organisation in the ledger. */
export interface IdentityMapping {
  id: string;
  /** The provider's issuer identifier, as its ID tokens name it (`iss`). */
  issuer: string;
  by: MatchBy;
  /** The subject, or the e-mail address in lower case. */
  value: string;
  role: Role;
  /** The organisation an officer acts for; null for other roles. */
  organisationId: string | null;
  /** Who it is, for the list: a name, a team. */
  label: string | null;
  createdAt: string;
  createdBy: string;
  /** The last sign-in through this mapping; null before the first. */
  lastSignInAt: string | null;
}

/** A sign-in sent to the provider and not yet back: what the callback must check. Kept once, taken once. */
export interface PendingSignIn {
  /** SHA-256 of the random id the browser holds in a cookie for the round trip. */
  idHash: string;
  state: string;
  nonce: string;
  /** PKCE: the verifier whose challenge went to the provider. */
  codeVerifier: string;
  /** Where to go once signed in (a path of ours). */
  next: string;
  expiresAt: string;
}

export interface IdentityStore {
  /** Keep a new mapping; refuses (rejects) a second mapping of the same issuer, `by` and value. */
  addMapping(mapping: IdentityMapping): Promise<void>;
  findMapping(issuer: string, by: MatchBy, value: string): Promise<IdentityMapping | undefined>;
  findMappingById(id: string): Promise<IdentityMapping | undefined>;
  /** Every mapping, oldest first. */
  listMappings(): Promise<IdentityMapping[]>;
  /** Remove a mapping; false when there was none. The actors it signed in are forgotten with it. */
  removeMapping(id: string): Promise<boolean>;
  /** A sign-in through a mapping: when (its last sign-in) and as whom (so removing it can end that actor's sessions). */
  recordSignIn(mappingId: string, actorId: string, at: string): Promise<void>;
  /** The actors that ever signed in through a mapping. */
  actorsSignedInWith(mappingId: string): Promise<string[]>;
  addPendingSignIn(pending: PendingSignIn): Promise<void>;
  /** The pending sign-in with this id hash, removed as it is read (one use); undefined when unknown or expired at `now`. Expired ones are forgotten. */
  takePendingSignIn(idHash: string, now: string): Promise<PendingSignIn | undefined>;
}
