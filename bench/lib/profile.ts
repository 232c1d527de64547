// How big each measurement is: `npm run bench` (full, for BENCHMARKS.md) and
// `npm run bench:quick` (small, under a minute, to check the harness).

import type { OperationName } from '../../src/generate/index.js';

export interface Profile {
  name: 'full' | 'quick';
  /** Each figure is the median of this many runs. */
  runs: number;
  seed: number;
  /** The main ledger: rebuilds, raw read, verify, trace, health-check matrix. */
  ledgerEvents: number;
  /** The duplication ledger is made to hold about this many activities. */
  duplicationActivities: number;
  http: {
    connections: number;
    durationSec: number;
    /** Single-event POSTs are spread over this many activities (one organisation's). */
    activities: number;
    batchResponses: number;
    batchPosts: number;
    batchConcurrency: number;
  };
  peer: { streams: number; appendsPerStream: number; eventsPerAppend: number };
  /** Worker runs are long at full size: fewer of them. */
  workerRuns: number;
  traces: number;
  /** The Merkle tree: events appended singly and in batches (with and without it), proofs requested, seconds verifying. */
  merkle: { singleAppends: number; batchEvents: number; proofs: number; verifySeconds: number };
  /** Survey responses in the spreadsheet the workbench imports (issue 16: 10,000 in under 10 s). */
  importRows: number;
}

/**
 * Many activities, few events each: plan, open, close (and sometimes tell participants),
 * about 4.2 events per activity, so a duplication report over N activities needs ~4.2 N events.
 */
export const activityHeavyWeights: Partial<Record<OperationName, number>> = {
  planActivity: 10,
  openActivity: 10,
  closeActivity: 10,
  giveFeedbackToParticipants: 2,
  cancelActivity: 0.3,
  recordFeedback: 0.2,
  recordFinding: 0.5,
  amendFinding: 0.1,
  withdrawFinding: 0.05,
  redactFeedback: 0.05,
  rescheduleActivity: 0.2,
  publishDocument: 0.2,
  amendActivityDetails: 0.1,
  recordDecision: 0.3,
  linkInfluence: 1,
  withdrawInfluenceLink: 0.05,
  amendDecision: 0.05,
  planAction: 0.2,
  changeActionStatus: 0.2,
  noteActionProgress: 0.2,
  retimeAction: 0.1,
  reassignAction: 0.05,
  reopenAction: 0.02,
};
export const EVENTS_PER_ACTIVITY = 4.2;

export const full: Profile = {
  name: 'full',
  runs: 3,
  seed: 2026,
  ledgerEvents: 1_000_000,
  duplicationActivities: 100_000,
  http: { connections: 50, durationSec: 10, activities: 1_000, batchResponses: 1_000, batchPosts: 100, batchConcurrency: 4 },
  peer: { streams: 200, appendsPerStream: 5, eventsPerAppend: 10 },
  workerRuns: 1,
  traces: 200,
  merkle: { singleAppends: 2_000, batchEvents: 100_000, proofs: 1_000, verifySeconds: 5 },
  importRows: 10_000,
};

export const quick: Profile = {
  name: 'quick',
  runs: 1,
  seed: 2026,
  ledgerEvents: 20_000,
  duplicationActivities: 2_000,
  http: { connections: 50, durationSec: 2, activities: 100, batchResponses: 500, batchPosts: 8, batchConcurrency: 4 },
  peer: { streams: 20, appendsPerStream: 2, eventsPerAppend: 10 },
  workerRuns: 1,
  traces: 30,
  merkle: { singleAppends: 200, batchEvents: 10_000, proofs: 200, verifySeconds: 1 },
  importRows: 2_000,
};
