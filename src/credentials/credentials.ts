// Credentials: who may use the ledger, in which role, for which organisation, until when.
// Kept beside the ledger (not in it): tokens are access control, not engagement evidence.
// The service over a CredentialStore (./port.ts): issuing, authenticating, listing, revoking.

import { monotonicFactory } from 'ulid';
import type { Actor, Role } from '../domain/actor.js';
import type { CredentialRecord, CredentialStore } from './port.js';
import { hashToken, looksLikeToken, newToken, sameHash } from './token.js';
import { VerifiedTokens } from './verified-tokens.js';

export type CredentialStatus = 'active' | 'revoked' | 'expired';

/** A credential as the administrator sees it: never the token nor its hash. */
export type Credential = Omit<CredentialRecord, 'tokenHash'> & { status: CredentialStatus };

export type IssuedCredential = Credential & {
  /** Shown once, never stored. */
  token: string;
};

/** The actor a credential (or a browser session) stands for; credentialId is null for a session opened without one. */
export type AuthenticatedActor = Actor & { credentialId: string | null };

/** Why a token is refused: each its own 401 code. */
export type Refusal = 'UNAUTHENTICATED' | 'CREDENTIAL_REVOKED' | 'CREDENTIAL_EXPIRED';

export type Authentication =
  | { ok: true; actor: AuthenticatedActor & { credentialId: string }; credential: CredentialRecord }
  | { ok: false; refusal: Refusal; credentialId: string | null };

/**
 * "Last used" is written at most once a minute per credential: a busy client costs one
 * write a minute, not one a request, and the minute is precision enough to answer
 * "is this token still in use?".
 */
export const LAST_USED_EVERY_MS = 60_000;

export type Clock = () => Date;

export interface IssueInput {
  role: Role;
  organisationId?: string | null;
  label: string;
  createdBy: string;
  lifetimeMs?: number;
}

const newId = monotonicFactory();

export function statusOf(credential: CredentialRecord, now: Date): CredentialStatus {
  if (credential.revokedAt !== null) return 'revoked';
  if (credential.expiresAt !== null && credential.expiresAt <= now.toISOString()) return 'expired';
  return 'active';
}

function publicView(record: CredentialRecord, now: Date): Credential {
  const { tokenHash: _hash, ...rest } = record;
  return { ...rest, status: statusOf(record, now) };
}

export class Credentials {
  constructor(
    readonly store: CredentialStore,
    private readonly clock: Clock = () => new Date(),
    /** Accepted tokens remembered for a bound (none by default; the server's is AUTH_CACHE_MS). */
    private readonly verified: VerifiedTokens = new VerifiedTokens(0),
  ) {}

  /** Issue a token. The organisation is not checked here: src/credentials/issue.ts reads the ledger first. */
  async issue(input: IssueInput): Promise<IssuedCredential> {
    const { record, token, now } = this.made(input);
    await this.store.add(record);
    return { ...publicView(record, now), token };
  }

  /** The first administrator token, when no administrator was ever issued (a new ledger); null otherwise. */
  async issueFirstAdmin(input: Pick<IssueInput, 'label' | 'createdBy'>): Promise<IssuedCredential | null> {
    const { record, token, now } = this.made({ ...input, role: 'admin' });
    return (await this.store.addFirstAdmin(record)) ? { ...publicView(record, now), token } : null;
  }

  private made(input: IssueInput): { record: CredentialRecord; token: string; now: Date } {
    const organisationId = input.organisationId ?? null;
    if (input.role === 'officer' && !organisationId) throw new Error('an officer credential needs an organisation');
    if (input.role !== 'officer' && organisationId) throw new Error(`a ${input.role} credential is not bound to an organisation`);
    const now = this.clock();
    const token = newToken();
    const record: CredentialRecord = {
      id: newId(),
      tokenHash: hashToken(token),
      role: input.role,
      organisationId,
      label: input.label,
      createdAt: now.toISOString(),
      createdBy: input.createdBy,
      expiresAt: input.lifetimeMs === undefined ? null : new Date(now.getTime() + input.lifetimeMs).toISOString(),
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
      lastUsedAt: null,
    };
    return { record, token, now };
  }

  /**
   * Who a bearer token stands for, or why it is refused: one lookup (none when the token was
   * verified within the bound), no write. Expiry is checked every time: it needs no lookup.
   */
  async identify(token: string): Promise<Authentication> {
    const refused = (refusal: Refusal, credentialId: string | null = null): Authentication => ({ ok: false, refusal, credentialId });
    if (!looksLikeToken(token)) return refused('UNAUTHENTICATED');
    const hash = hashToken(token);
    const recalled = this.verified.recall(hash);
    const record = recalled ?? (await this.store.findByTokenHash(hash));
    if (!record || !sameHash(record.tokenHash, hash)) return refused('UNAUTHENTICATED');
    const status = statusOf(record, this.clock());
    if (status === 'revoked') return refused('CREDENTIAL_REVOKED', record.id);
    if (status === 'expired') return refused('CREDENTIAL_EXPIRED', record.id);
    // Remembered from the lookup only: a busy client must not keep its own memory fresh past the bound.
    if (!recalled) this.verified.remember(hash, record);
    const actor = { id: `credential:${record.id}`, credentialId: record.id, role: record.role, organisationId: record.organisationId };
    return { ok: true, actor, credential: record };
  }

  /** A use of an identified credential: recorded when the last one recorded is a minute old or more. */
  async recordUse(credential: CredentialRecord): Promise<void> {
    const now = this.clock();
    const since = new Date(now.getTime() - LAST_USED_EVERY_MS).toISOString();
    if (credential.lastUsedAt !== null && credential.lastUsedAt > since) return;
    await this.store.markUsed(credential.id, now.toISOString(), since);
    // The remembered record too, or every request within the bound would write it again.
    credential.lastUsedAt = now.toISOString();
  }

  /** Identify, and record the use: what a request does. */
  async authenticate(token: string): Promise<Authentication> {
    const identified = await this.identify(token);
    if (identified.ok) await this.recordUse(identified.credential);
    return identified;
  }

  async find(id: string): Promise<Credential | undefined> {
    const record = await this.store.find(id);
    return record && publicView(record, this.clock());
  }

  async list(): Promise<Credential[]> {
    const now = this.clock();
    return (await this.store.list()).map((record) => publicView(record, now));
  }

  /**
   * Revoke a credential; undefined when there is none with that id. `revoked` says whether this
   * call revoked it (false: it already was, and its first revocation stands).
   */
  async revoke(id: string, by: string, reason: string | null): Promise<{ credential: Credential; revoked: boolean } | undefined> {
    const now = this.clock();
    const before = await this.store.find(id);
    if (!before) return undefined;
    const after = await this.store.revoke(id, { at: now.toISOString(), by, reason });
    this.verified.forget(id);
    if (!after) return undefined;
    return { credential: publicView(after, now), revoked: before.revokedAt === null && after.revokedAt !== null };
  }

  hasAdmin(): Promise<boolean> {
    return this.store.hasAdmin();
  }
}
