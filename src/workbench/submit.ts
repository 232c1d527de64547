// A form sent: its command run once per form (the key each drawn form carries, through the same
// idempotency layer as the API's Idempotency-Key, with the answer kept in the append's own
// transaction), by the same ledger, as the signed-in officer. What came of it, for the page.

import type { AuthenticatedActor } from '../credentials/credentials.js';
import { requestHash, type IdempotencyKeys } from '../idempotency/keys.js';
import { once, type Answered, type KeyedRequest } from '../idempotency/once.js';
import type { CommandResult } from '../ledger/command-handler.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Issue } from './forms/errors.js';

/** What a form's command came to. */
export type Outcome =
  | { kind: 'recorded'; replayed: boolean; answer: RecordedAnswer }
  | { kind: 'invalid'; issues: Issue[] }
  | { kind: 'conflict'; currentRevision: number | null }
  | { kind: 'refused'; code: string; message: string; details: Record<string, unknown> };

/** The answer kept for a form's key: enough to show, on a resubmission, what the first one recorded. */
export interface RecordedAnswer {
  path: string;
  recordId: string;
  command: string;
  revision: number;
  position: number;
  events: { id: string; type: string }[];
  [more: string]: unknown;
}

/** How long a second submission of one form (a double click) waits for the first to finish. */
const DOUBLE_SUBMIT_WAIT_MS = 15_000;

export interface SubmitDeps {
  ledger: Ledger;
  idempotency: IdempotencyKeys;
}

/** One form's key, per officer: a credential's, or an identity's without one (single sign-on). */
export function formKey(actor: AuthenticatedActor, key: string, request: unknown): KeyedRequest {
  return { scope: actor.credentialId ?? actor.id, key: `workbench:${key}`, requestHash: requestHash('POST', 'workbench form', request) };
}

/**
 * Run `record` once for the form's key: a resubmission (back button, double click) gets the first
 * answer and records nothing. `record` receives the receipt to keep with its append.
 */
export async function submitOnce(
  deps: SubmitDeps,
  keyed: KeyedRequest,
  record: (receipt: KeyedRequest | undefined, answer: (result: CommandResult) => { status: number; body: RecordedAnswer }) => Promise<CommandResult>,
  describe: (result: CommandResult) => RecordedAnswer,
): Promise<Outcome> {
  const answer = (result: CommandResult) => ({ status: 200, body: describe(result) });
  const run = async (receipt?: KeyedRequest): Promise<Answered> => {
    const result = await record(receipt, answer);
    return { ...answer(result), receiptKept: receipt !== undefined && deps.idempotency.storeKeepsReceipts && result.events.length > 0 };
  };
  const outcome = await once(deps.idempotency, keyed, run, { waitWhileInProgressMs: DOUBLE_SUBMIT_WAIT_MS });
  if (outcome.status < 300) return { kind: 'recorded', replayed: outcome.replayed, answer: outcome.body as RecordedAnswer };
  const { code, message, details } = (outcome.body as { error: { code: string; message: string; details: Record<string, unknown> } }).error;
  if (code === 'VALIDATION_FAILED') {
    const issues = ((details.issues as { path: string; message: string }[] | undefined) ?? []).map((i) => ({
      // The ledger names the command's fields under `data`.
      path: i.path.split('.').filter((segment, index) => !(index === 0 && segment === 'data')),
      message: i.message,
    }));
    return { kind: 'invalid', issues };
  }
  if (code === 'REVISION_CONFLICT') return { kind: 'conflict', currentRevision: typeof details.currentRevision === 'number' ? details.currentRevision : null };
  return { kind: 'refused', code, message, details };
}

/** The ledger's answer to one command, as kept for its form. */
export function recordedAnswer(path: string, recordId: string, command: string, result: CommandResult): RecordedAnswer {
  return {
    path,
    recordId,
    command,
    revision: result.revision,
    position: result.position,
    events: result.events.map((e) => ({ id: e.id, type: e.type })),
  };
}

/** Run one command of a form through the ledger, keeping its answer with the append. */
export function executeCommand(ledger: Ledger, actor: AuthenticatedActor, command: { type: string; data: Record<string, unknown> }, expectedRevision: number | undefined) {
  return (receipt: KeyedRequest | undefined, answer: (result: CommandResult) => { status: number; body: RecordedAnswer }) =>
    ledger.execute(command, { actor, ...(expectedRevision !== undefined ? { expectedRevision } : {}), ...(receipt ? { receipt: { ...receipt, answer } } : {}) });
}
