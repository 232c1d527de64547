// What the scrutiny pages read: the read models through the read service (as the API and the
// public site do), the log itself for traces and an action's history, and the credentials that
// sign a panel in. Nothing of the API's: the faces sit side by side.

import type { Credentials } from '../credentials/credentials.js';
import type { ReadService } from '../read/read-service.js';
import type { Sessions } from '../sessions/sessions.js';
import type { EventStore } from '../store/port.js';

export interface PageDeps {
  read: ReadService;
  store: EventStore;
  credentials: Credentials;
  /** Browser sessions: a panel's sign-in opens one (src/sessions). */
  sessions: Sessions;
}
