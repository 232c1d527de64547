// What the public site reads: its own read service over the public views only (src/read, the same
// code every face reads through), the log for the hashes and times of what it shows, and the
// ledger's integrity keys for its proofs. Nothing of the API's or the scrutiny pages'.

import type { LedgerIntegrity } from '../audit/integrity/index.js';
import type { PublicSettings } from '../projections/read-models/public/index.js';
import type { ReadService } from '../read/read-service.js';
import type { EventStore } from '../store/port.js';
import type { Messages } from './messages.js';

export interface PublicSiteOptions {
  /** The read models' settings: suppression threshold, outcome due days, Gunning minimums. */
  settings: PublicSettings;
  messages: Messages;
  /** Requests per address per minute. */
  rateLimitPerMinute: number;
  /** Where browsers reach the site, for feeds and calendars; default the request's own address. */
  publicUrl?: string | undefined;
  /** Where residents report a problem (the accessibility statement). */
  contact?: string | undefined;
}

export interface PublicDeps extends PublicSiteOptions {
  read: ReadService;
  store: EventStore;
  integrity: LedgerIntegrity;
  /** Today, for where each consultation stands (tests move it). */
  clock?: () => Date;
}
