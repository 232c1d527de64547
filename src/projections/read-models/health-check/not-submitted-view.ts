// Who has not submitted to a cycle. A cycle does not say whose it is (HealthCheckCycleOpened has
// no partnership), so by default every registered organisation is expected; asked by partnership,
// the partners named on the plans that partnership body keeps are (Halton: "All partners
// submitting health check"). The body itself collects the returns and is not expected to submit.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import { defineView } from '../../read-model-view.js';
import { currentSubmissions, matches } from './current-submissions.js';
import { healthCheckReads, organisationNames, readDocuments, type PlanPartnersDocument } from './documents.js';
import { byCycle } from './order.js';

export const notSubmittedFilters = z.object({
  cycle: entityId.optional().meta({ description: 'One health-check cycle (all cycles if absent)' }),
  partnership: entityId
    .optional()
    .meta({ description: 'A partnership body: expect the partners named on its plans (every registered organisation if absent)' }),
});

/** The partners named on the plans a partnership body keeps, sorted. */
export function partnersOf(partnership: string, plans: readonly PlanPartnersDocument[]): string[] {
  const partners = plans.filter((p) => p.organisationId === partnership).flatMap((p) => p.partnerIds);
  return [...new Set(partners)].filter((id) => id !== partnership).sort();
}

export const notSubmittedView = defineView({
  path: '/v1/health-check/not-submitted',
  summary: 'Organisations with no health-check submission, per cycle',
  description:
    'Per cycle, each expected organisation with no submission: every registered organisation, or with `partnership` the partners named on the plans that partnership body keeps. `overdue` once the cycle is past its due date.',
  reads: healthCheckReads,
  filters: notSubmittedFilters,
  run(set, filters, { today }) {
    const documents = readDocuments(set);
    const nameOf = organisationNames(documents.organisations);
    const expected =
      filters.partnership === undefined ? documents.organisations.map((o) => o.organisationId) : partnersOf(filters.partnership, documents.plans);
    const submitted = new Set(currentSubmissions(documents).map(({ current }) => `${current.cycleId}.${current.organisationId}`));
    const cycles = documents.cycles.filter((c) => matches(filters.cycle, c.cycleId)).sort(byCycle);
    return cycles.flatMap((cycle) =>
      expected
        .filter((organisationId) => !submitted.has(`${cycle.cycleId}.${organisationId}`))
        .map((organisationId) => ({ organisationId, organisationName: nameOf(organisationId) }))
        .sort((a, b) => a.organisationName.localeCompare(b.organisationName))
        .map((organisation) => ({
          cycleId: cycle.cycleId,
          cycleName: cycle.name,
          opensOn: cycle.opensOn,
          dueBy: cycle.dueBy,
          ...organisation,
          overdue: today > cycle.dueBy,
        })),
    );
  },
});
