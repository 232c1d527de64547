// People who sign in with the council's identity provider (OpenID Connect) are known to the ledger
// only through a mapping an administrator made: this subject (or this verified e-mail address)
// of this provider is an officer of that organisation (or an auditor, a panel member...). An
// identity nobody mapped is refused, and removing a mapping ends the sessions it opened.
//
// The actor an identity acts as is named for the provider and the subject, `oidc:<host>:<sub>`,
// so the log says who recorded each event whichever mapping let them in.

import { createHash } from 'node:crypto';
import { organisationIsRegistered } from '../credentials/issue.js';
import type { Actor, Role } from '../domain/actor.js';
import { DomainError } from '../domain/errors.js';
import { ulidFactory } from '../ledger/ids.js';
import type { Sessions } from '../sessions/sessions.js';
import type { EventStore } from '../store/port.js';
import type { IdentityMapping, IdentityStore, MatchBy } from './port.js';

/** What the provider's ID token says about the person, as checked by the sign-in. */
export interface IdentityClaims {
  issuer: string;
  subject: string;
  email?: string;
  /** Only a verified address is matched against mappings by e-mail. */
  emailVerified?: boolean;
}

export type Recognition = { ok: true; actor: Actor; mapping: IdentityMapping } | { ok: false; refusal: 'IDENTITY_NOT_MAPPED' };

export interface MappingInput {
  issuer: string;
  by: MatchBy;
  value: string;
  role: Role;
  organisationId: string | null;
  label?: string | null;
  createdBy: string;
}

/** Longest actor id an event's metadata takes (src/domain/events/metadata.ts). */
const MAX_ACTOR_ID = 200;

/** The actor an identity acts as: `oidc:<issuer host>:<subject>`, or the subject's SHA-256 where that would be too long. */
export function oidcActorId(issuer: string, subject: string): string {
  const host = new URL(issuer).host;
  const plain = `oidc:${host}:${subject}`;
  if (plain.length <= MAX_ACTOR_ID) return plain;
  const hashed = `oidc:${host}:sha256-${createHash('sha256').update(subject).digest('hex')}`;
  return hashed.length <= MAX_ACTOR_ID ? hashed : `oidc:sha256-${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex')}`;
}

/** E-mail addresses are compared without case or surrounding space. */
const normalised = (by: MatchBy, value: string): string => (by === 'email' ? value.trim().toLowerCase() : value.trim());

export class Identities {
  private readonly newId = ulidFactory();

  constructor(
    readonly store: IdentityStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Map an identity. An officer needs an organisation, and only an officer has one; one mapping per identity. */
  async map(input: MappingInput): Promise<IdentityMapping> {
    if ((input.role === 'officer') !== (input.organisationId !== null)) {
      throw new DomainError('IDENTITY_MAPPING_INVALID', input.role === 'officer' ? 'an officer acts for an organisation: name it' : `a ${input.role} acts for no organisation`, {
        role: input.role,
      });
    }
    const value = normalised(input.by, input.value);
    if (value === '' || (input.by === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value))) {
      throw new DomainError('IDENTITY_MAPPING_INVALID', input.by === 'email' ? 'that is not an e-mail address' : 'the subject is empty', { by: input.by });
    }
    // Kept as given: it must equal the `iss` of the provider's ID tokens, character for character.
    const issuer = input.issuer.trim();
    if (!URL.canParse(issuer)) throw new DomainError('IDENTITY_MAPPING_INVALID', 'the issuer must be the provider’s issuer URL', { issuer });
    const existing = await this.store.findMapping(issuer, input.by, value);
    if (existing) {
      throw new DomainError('IDENTITY_ALREADY_MAPPED', `that ${input.by === 'email' ? 'address' : 'subject'} is already mapped (${existing.id}): unmap it first to change it`, {
        mappingId: existing.id,
      });
    }
    const mapping: IdentityMapping = {
      id: this.newId(),
      issuer,
      by: input.by,
      value,
      role: input.role,
      organisationId: input.organisationId,
      label: input.label ?? null,
      createdAt: this.clock().toISOString(),
      createdBy: input.createdBy,
      lastSignInAt: null,
    };
    await this.store.addMapping(mapping);
    return mapping;
  }

  list(): Promise<IdentityMapping[]> {
    return this.store.listMappings();
  }

  /** Remove a mapping and end the sessions of everyone who signed in through it. Undefined when there is no such mapping. */
  async unmap(id: string, sessions: Sessions): Promise<{ mapping: IdentityMapping; sessionsEnded: number } | undefined> {
    const mapping = await this.store.findMappingById(id);
    if (!mapping) return undefined;
    const actors = await this.store.actorsSignedInWith(id);
    await this.store.removeMapping(id);
    let sessionsEnded = 0;
    for (const actor of actors) sessionsEnded += await sessions.endForActor(actor);
    return { mapping, sessionsEnded };
  }

  /**
   * Who a signed-in identity is in the ledger: its subject's mapping, else its verified e-mail
   * address's. The sign-in is recorded against the mapping (last sign-in, and the actor, whose
   * sessions end if the mapping is removed).
   */
  async recognise(claims: IdentityClaims): Promise<Recognition> {
    const bySubject = await this.store.findMapping(claims.issuer, 'subject', normalised('subject', claims.subject));
    const byEmail =
      bySubject === undefined && claims.email !== undefined && claims.emailVerified === true
        ? await this.store.findMapping(claims.issuer, 'email', normalised('email', claims.email))
        : undefined;
    const mapping = bySubject ?? byEmail;
    if (!mapping) return { ok: false, refusal: 'IDENTITY_NOT_MAPPED' };
    const actor: Actor = { id: oidcActorId(claims.issuer, claims.subject), role: mapping.role, organisationId: mapping.organisationId };
    await this.store.recordSignIn(mapping.id, actor.id, this.clock().toISOString());
    return { ok: true, actor, mapping };
  }
}

/** Map an identity as the admin route and the command line do: an officer's organisation must be registered in the ledger. */
export async function mapIdentity(deps: { identities: Identities; store: EventStore }, input: MappingInput): Promise<IdentityMapping> {
  if (input.organisationId !== null && !(await organisationIsRegistered(deps.store, input.organisationId))) {
    throw new DomainError('UNKNOWN_ORGANISATION', `the ledger has no organisation ${input.organisationId}: register it first (POST /v1/organisations)`, {
      organisationId: input.organisationId,
    });
  }
  return deps.identities.map(input);
}
