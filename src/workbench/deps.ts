// What the workbench is built on: the same services the API uses (the ledger, the idempotency
// layer, sealing of personal data, the read side), the server's own state (credentials, sessions,
// identity mappings) and, when configured, the identity provider.

import type { Credentials } from '../credentials/credentials.js';
import type { Identities } from '../identity/identities.js';
import type { OidcSignIn } from '../identity/oidc.js';
import type { IdempotencyKeys } from '../idempotency/keys.js';
import type { Ledger } from '../ledger/ledger.js';
import type { SubjectKeys } from '../privacy/key-store.js';
import type { ReadService } from '../read/read-service.js';
import type { Sessions } from '../sessions/sessions.js';
import type { EventStore } from '../store/port.js';

export interface WorkbenchDeps {
  ledger: Ledger;
  store: EventStore;
  idempotency: IdempotencyKeys;
  keys: SubjectKeys;
  credentials: Credentials;
  sessions: Sessions;
  identities: Identities;
  /** Null when no identity provider is configured (OIDC_ISSUER): token sign-in only. */
  oidc: OidcSignIn | null;
  /** PUBLIC_URL: where browsers reach the ledger, for the sign-in's redirect. */
  publicUrl?: string | undefined;
  /** Every read model, through the read service the API and the scrutiny pages read too. */
  read: ReadService;
}
