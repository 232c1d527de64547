// The submissions in force, with their cycle: what every health-check view reads first.

import type { Submission } from '../../entities/health-check-submission-view.js';
import type { CycleDocument, HealthCheckDocuments } from './documents.js';

export interface CurrentSubmission {
  cycle: CycleDocument;
  current: Submission;
  supersededSubmissionIds: string[];
}

export function currentSubmissions(documents: Pick<HealthCheckDocuments, 'cycles' | 'submissions'>): CurrentSubmission[] {
  const cycles = new Map(documents.cycles.map((c) => [c.cycleId, c]));
  return documents.submissions.flatMap(({ current, superseded }) => {
    const cycle = current ? cycles.get(current.cycleId) : undefined;
    return current && cycle ? [{ cycle, current, supersededSubmissionIds: superseded.map((s) => s.submissionId) }] : [];
  });
}

/** A filter left out matches everything. */
export const matches = <T>(wanted: T | undefined, value: T): boolean => wanted === undefined || wanted === value;
