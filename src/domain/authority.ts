// Who may record what. An officer records only for their own organisation;
// auditors and panels read; an administrator manages organisations and reference data.

import type { Actor } from './actor.js';
import { DomainError } from './errors.js';

/** Reference data (organisations, areas, communities of interest, health-check cycles) belongs to the partnership. */
export function assertMayManageReferenceData(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new DomainError('ADMIN_ONLY', 'only an administrator manages organisations and reference data', { role: actor.role });
  }
}

/**
 * An officer records for their own organisation. `owners` are the organisations
 * of the record: its organisation and the partners or leads that accepted their invitation
 * (invitations.ts: one only invited gains nothing). Omit it for a new record, which then
 * belongs to the officer's organisation. Returns that organisation.
 */
export function assertMayRecord(actor: Actor, owners?: readonly string[]): string {
  if (actor.role !== 'officer') {
    throw new DomainError('ROLE_MAY_NOT_RECORD', `a ${actor.role} reads the ledger but does not record in it`, { role: actor.role });
  }
  if (!actor.organisationId) {
    throw new DomainError('OFFICER_WITHOUT_ORGANISATION', 'an officer must act for an organisation');
  }
  if (owners && !owners.includes(actor.organisationId)) {
    throw new DomainError('OTHER_ORGANISATION', 'an officer records only for their own organisation', {
      organisation: actor.organisationId,
      owners,
    });
  }
  return actor.organisationId;
}
