// Who has not submitted to a cycle. A cycle does not say whose it is (HealthCheckCycleOpened has
// no partnership), so by default every registered organisation is expected; asked by partnership,
// the partners named on the plans that partnership body keeps are (Halton: "All partners
// submitting health check"). The body itself collects the returns and is not expected to submit.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { PlanView } from '../../entities/plan-view.js';
import { healthCheckCycles } from '../../facts/health-checks.js';
import { plans } from '../../facts/plans.js';
import { organisations } from '../../facts/reference.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { defineView } from '../../read-model-view.js';
import { allUnder, indexPlace, walkIndex } from '../paging.js';
import { cycleSubmissions, cyclesAndSubmissions, matches, namesOrIds } from './submissions.js';

export const notSubmittedFilters = z.object({
  cycle: entityId.optional().meta({ description: 'One health-check cycle (all cycles if absent)' }),
  partnership: entityId
    .optional()
    .meta({ description: 'A partnership body: expect the partners named on its plans (every registered organisation if absent)' }),
});

/** The partners named on the plans a partnership body keeps, sorted. */
export function partnersOf(partnership: string, kept: readonly PlanView[]): string[] {
  const partners = kept.flatMap((p) => (p.adopted?.organisationId === partnership ? p.adopted.partnerIds : []));
  return [...new Set(partners)].filter((id) => id !== partnership).sort();
}

/** Who is expected to submit: the partnership's partners, or every registered organisation. */
async function expected(reader: Reader, partnership: string | undefined): Promise<string[]> {
  if (partnership === undefined) return (await allUnder(reader, organisations, 'all')).map((r) => r.row.organisationId);
  return partnersOf(partnership, (await allUnder(reader, plans, term('organisation', partnership))).map((r) => r.row));
}

export const notSubmittedView = defineView({
  path: '/v1/health-check/not-submitted',
  summary: 'Organisations with no health-check submission, per cycle',
  description:
    'Per cycle (oldest first), each expected organisation with no submission, by name: every registered organisation, or with `partnership` the partners named on the plans that partnership body keeps. `overdue` once the cycle is past its due date.',
  reads: [...cyclesAndSubmissions, plans],
  filters: notSubmittedFilters,
  place: indexPlace,
  async page(reader, query, { after, limit }) {
    const organisationIds = await expected(reader, query.partnership);
    const nameOf = await namesOrIds(reader, organisationIds);
    return walkIndex(
      reader,
      healthCheckCycles,
      { terms: ['all'] },
      after,
      limit,
      (batch) =>
        Promise.all(
          batch.map(async ({ row: cycle }) => {
            if (!matches(query.cycle, cycle.cycleId)) return [];
            const submitted = new Set((await cycleSubmissions(reader, cycle)).map(({ current }) => current.organisationId));
            return organisationIds
              .filter((organisationId) => !submitted.has(organisationId))
              .map((organisationId) => ({ organisationId, organisationName: nameOf(organisationId) }))
              .sort((a, b) => a.organisationName.localeCompare(b.organisationName))
              .map((organisation) => ({
                cycleId: cycle.cycleId,
                cycleName: cycle.name,
                opensOn: cycle.opensOn,
                dueBy: cycle.dueBy,
                ...organisation,
                overdue: dayOf(reader.today) > dayOf(cycle.dueBy),
              }));
          }),
        ),
      1,
    );
  },
});
