// Revoking a credential, as the API and the command line do: the token stops working at once,
// and so does every browser session it opened. The sessions are ended even when the credential
// was already revoked, so repeating a revocation finishes one that was cut short in between.

import type { Sessions } from '../sessions/sessions.js';
import type { Credential, Credentials } from './credentials.js';

export interface RevocationOutcome {
  credential: Credential;
  /** False when it was already revoked: the first revocation (who, when, why) stands. */
  revoked: boolean;
  sessionsEnded: number;
}

export async function revokeCredential(
  deps: { credentials: Credentials; sessions: Sessions },
  input: { credentialId: string; by: string; reason: string | null },
): Promise<RevocationOutcome | undefined> {
  const outcome = await deps.credentials.revoke(input.credentialId, input.by, input.reason);
  if (!outcome) return undefined;
  const sessionsEnded = await deps.sessions.endForCredential(input.credentialId);
  return { ...outcome, sessionsEnded };
}
