// What the API's routes are given: the services they are thin over. Apart from server.ts, so
// that a route naming its dependencies does not import the server that registers it.

import type { LedgerIntegrity } from '../audit/integrity/ledger-integrity.js';
import type { Credentials } from '../credentials/credentials.js';
import type { Ledger } from '../ledger/ledger.js';
import type { SubjectKeys } from '../privacy/key-store.js';
import type { ReadService } from '../read/read-service.js';
import type { EventStore } from '../store/port.js';
import type { LedgerMetrics } from '../observability/metrics.js';
import type { ReadinessCheck } from '../observability/probes.js';
import type { Sessions } from '../sessions/sessions.js';
import type { IdempotencyKeys } from '../idempotency/keys.js';
import type { Identities } from '../identity/identities.js';

export interface ReadDeps {
  store: EventStore;
}

export interface ServerDeps extends ReadDeps {
  ledger: Ledger;
  credentials: Credentials;
  /** Browser sessions (the scrutiny pages): server-side records, src/sessions. */
  sessions: Sessions;
  idempotency: IdempotencyKeys;
  /** Every read model, through the one read service the pages and the public site read too. */
  read: ReadService;
  /** The signing key and the statements kept in server.db (tamper evidence). */
  integrity: LedgerIntegrity;
  /** Per-subject keys (DATA_DIR/keys.db): feedback is sealed with them on the way in, revealed per reader on the way out. */
  keys: SubjectKeys;
  /** Probes, metrics and request logging (src/observability). */
  observability: Observability;
  /** Identities of the identity provider (OIDC), mapped by an administrator to a role and organisation. */
  identities: Identities;
  /** OIDC_ISSUER, when single sign-on is configured. */
  oidcIssuer?: string;
}

export interface Observability {
  metrics: LedgerMetrics;
  readiness: readonly ReadinessCheck[];
  readyCheckTimeoutMs: number;
  /** False when /metrics has a listener of its own (METRICS_PORT). */
  metricsOnApi: boolean;
}

/** How long a client may take (config.ts says what each means). */
export interface Timeouts {
  requestMs: number;
  headersMs: number;
  keepAliveMs: number;
  connectionMs: number;
}
