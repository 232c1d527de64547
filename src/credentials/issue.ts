// Issuing a credential, as the API and the command line do: an officer's organisation must be
// one the ledger knows. The ledger is the record of organisations, so its stream is read; a
// credential for an organisation nobody registered would act for a name nothing stands behind.

import { organisationStream } from '../domain/aggregates/organisation.js';
import { DomainError } from '../domain/errors.js';
import type { EventStore } from '../store/port.js';
import type { Credentials, IssuedCredential } from './credentials.js';

export async function organisationIsRegistered(store: EventStore, organisationId: string): Promise<boolean> {
  const [first] = await store.readStream(organisationStream(organisationId), { maxCount: 1 });
  return first?.type === 'OrganisationRegistered';
}

export async function issueCredential(
  deps: { credentials: Credentials; store: EventStore },
  input: Parameters<Credentials['issue']>[0],
): Promise<IssuedCredential> {
  const organisationId = input.organisationId ?? null;
  if (input.role === 'officer' && organisationId !== null && !(await organisationIsRegistered(deps.store, organisationId))) {
    throw new DomainError('UNKNOWN_ORGANISATION', `the ledger has no organisation ${organisationId}: register it first (POST /v1/organisations)`, { organisationId });
  }
  return deps.credentials.issue(input);
}
