// What the health-check views read first: cycles, oldest first, and each cycle's submissions in
// force (a later submission supersedes an earlier one), with organisations' names.

import type { Submission } from '../../entities/health-check-submission-view.js';
import { healthCheckCycles, healthCheckSubmissions, submissionKey, type CycleFacts } from '../../facts/health-checks.js';
import { organisationKey, organisations } from '../../facts/reference.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { allUnder } from '../paging.js';

export interface CurrentSubmission {
  cycle: CycleFacts;
  current: Submission;
  supersededSubmissionIds: string[];
}

/** A cycle's submissions in force; only the organisation's, when one is asked for. */
export async function cycleSubmissions(reader: Reader, cycle: CycleFacts, organisationId?: string): Promise<CurrentSubmission[]> {
  const rows =
    organisationId === undefined
      ? (await allUnder(reader, healthCheckSubmissions, term('cycle', cycle.cycleId))).map((r) => r.row)
      : [...(await reader.get(healthCheckSubmissions, [submissionKey(cycle.cycleId, organisationId)])).values()];
  return rows.flatMap(({ current, superseded }) => (current ? [{ cycle, current, supersededSubmissionIds: superseded.map((s) => s.submissionId) }] : []));
}

/** Organisations' current names, by id; an id stands for itself where the ledger has no name. */
export async function namesOrIds(reader: Reader, organisationIds: readonly string[]): Promise<(organisationId: string) => string> {
  const rows = await reader.get(organisations, organisationIds.map(organisationKey));
  const names = new Map([...rows.values()].map((o) => [o.organisationId, o.name]));
  return (id) => names.get(id) ?? id;
}

/** The projections every health-check view reads. */
export const cyclesAndSubmissions = [healthCheckCycles, healthCheckSubmissions, organisations];

/** A filter left out matches everything. */
export const matches = <T>(wanted: T | undefined, value: T): boolean => wanted === undefined || wanted === value;
