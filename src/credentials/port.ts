// Where credentials are kept: a small port, with its adapters in server.db (sqlite/: one
// machine) and PostgreSQL (postgres/: several API nodes), chosen by STORE.
// Every adapter passes test/contract/credential-store.contract.ts.

import type { Role } from '../domain/actor.js';

/** One credential as stored: never the token, only its SHA-256. Times are ISO-8601 UTC strings. */
export interface CredentialRecord {
  id: string;
  tokenHash: string;
  role: Role;
  organisationId: string | null;
  label: string;
  createdAt: string;
  createdBy: string;
  /** Refused from this instant on; null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
  /** The last authenticated use, recorded at most once a minute (src/credentials/credentials.ts). */
  lastUsedAt: string | null;
}

export interface Revocation {
  at: string;
  by: string;
  reason: string | null;
}

export interface CredentialStore {
  /** Keep a new credential; its id and token hash are unique. */
  add(credential: CredentialRecord): Promise<void>;
  /**
   * Keep an administrator credential only if no administrator was ever issued: true when it was
   * kept. One step, so of several nodes starting together on a new ledger one issues it.
   */
  addFirstAdmin(credential: CredentialRecord): Promise<boolean>;
  /** The credential a token hashes to: one indexed lookup, the only one authentication makes. */
  findByTokenHash(tokenHash: string): Promise<CredentialRecord | undefined>;
  find(id: string): Promise<CredentialRecord | undefined>;
  /** Every credential, oldest first. */
  list(): Promise<CredentialRecord[]>;
  /**
   * Revoke a credential. The first revocation stands: revoking again changes nothing.
   * Answers the credential as it now is, or undefined when there is none with that id.
   */
  revoke(id: string, revocation: Revocation): Promise<CredentialRecord | undefined>;
  /** Record a use at `at`, unless the one already recorded is later than `unlessAfter` (so nodes racing write once). */
  markUsed(id: string, at: string, unlessAfter: string): Promise<void>;
  /** Whether any administrator credential was ever issued (the first start issues one). */
  hasAdmin(): Promise<boolean>;
}
