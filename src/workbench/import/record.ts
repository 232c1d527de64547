// Recording an import's responses: in batches of the ledger's largest (5,000), each an
// all-or-nothing command run once for its own key (derived from the file, so the same file sent
// again replays rather than records twice), personal data sealed as the API seals it. Every batch
// is decided before the first is appended (Ledger.check), so a response the activity refuses
// stops the import before anything is recorded.

import { MAX_FEEDBACK_BATCH } from '../../domain/aggregates/activity.js';
import { DomainError } from '../../domain/errors.js';
import type { AuthenticatedActor } from '../../credentials/credentials.js';
import { sealResponses } from '../../privacy/seal-feedback.js';
import type { WorkbenchDeps } from '../deps.js';
import { formKey, recordedAnswer, submitOnce } from '../submit.js';
import type { ImportedResponse } from './mapping.js';
import type { ImportJob } from './staging.js';

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** A response as the domain decides on it, without its personal data: what the check needs, nothing sealed for it. */
const withoutPersonalData = ({ respondent: _r, personalText: _p, ...response }: ImportedResponse) => response;

export async function recordImport(
  deps: Pick<WorkbenchDeps, 'ledger' | 'idempotency' | 'keys'>,
  officer: AuthenticatedActor,
  activityId: string,
  fileHash: string,
  responses: readonly ImportedResponse[],
  job: ImportJob,
): Promise<void> {
  const batches = batchesOf(responses, MAX_FEEDBACK_BATCH);
  Object.assign(job, { state: 'checking', total: responses.length, batches: batches.length, batchesDone: 0, recorded: 0, alreadyRecorded: 0 });
  try {
    for (const batch of batches) {
      try {
        await deps.ledger.check({ type: 'RecordFeedback', data: { activityId, responses: batch.map(withoutPersonalData) } }, { actor: officer });
      } catch (error) {
        // Recorded before, by this file: the batch's own key answers for it below.
        if (!(error instanceof DomainError && error.code === 'FEEDBACK_ALREADY_RECORDED')) throw error;
      }
    }
    job.state = 'recording';
    for (const [i, batch] of batches.entries()) {
      const outcome = await submitOnce(
        deps,
        formKey(officer, `import:${fileHash.slice(0, 40)}:${i}`, { activityId, batch }),
        async (receipt, answer) =>
          deps.ledger.execute(
            { type: 'RecordFeedback', data: { activityId, responses: await sealResponses(deps.keys, activityId, batch) } },
            { actor: officer, ...(receipt ? { receipt: { ...receipt, answer } } : {}) },
          ),
        (result) => recordedAnswer('activities', activityId, 'RecordFeedback', result),
      );
      if (outcome.kind !== 'recorded') {
        const said = outcome.kind === 'refused' ? `${outcome.message} (${outcome.code})` : outcome.kind === 'invalid' ? 'a response is not valid' : 'the activity changed meanwhile';
        throw new Error(`batch ${i + 1} of ${batches.length} was not recorded: ${said}`);
      }
      job.batchesDone += 1;
      if (outcome.replayed) job.alreadyRecorded += batch.length;
      else job.recorded += batch.length;
    }
    job.state = 'done';
  } catch (error) {
    job.state = 'refused';
    job.message =
      error instanceof DomainError
        ? `${error.message} (${error.code}). ${job.batchesDone === 0 ? 'Nothing was recorded.' : ''}`
        : `${(error as Error).message}. ${job.batchesDone} of ${job.batches} batches were recorded; send the same file again to record the rest (nothing is recorded twice).`;
  }
}
