// Who has not submitted to a cycle. A cycle does not say whose it is (HealthCheckCycleOpened has
// no partnership), so by default every registered organisation is expected; asked by partnership,
// the partners that accepted a place on the plans that partnership body keeps are (Halton: "All
// partners submitting health check"). The body itself collects the returns and is not expected to
// submit; nor is a network (a forum of partners' officers, not a partner answering for itself),
// nor a partner only invited to a plan, which has no part in it until it accepts.

import { z } from 'zod';
import { entityId } from '../../../domain/values.js';
import type { PlanView } from '../../entities/plan-view.js';
import { healthCheckCycles } from '../../facts/health-checks.js';
import { planDetails, plans } from '../../facts/plans.js';
import { isNetwork, organisationKey, organisations } from '../../facts/reference.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { defineView } from '../../read-model-view.js';
import { replacements } from '../engagement/engagement.js';
import { allUnder, indexPlace, walkIndex } from '../paging.js';
import { cycleSubmissions, cyclesAndSubmissions, matches, namesOrIds } from './submissions.js';

export const notSubmittedFilters = z.object({
  cycle: entityId.optional().meta({ description: 'One health-check cycle (all cycles if absent)' }),
  partnership: entityId
    .optional()
    .meta({ description: 'A partnership body: expect the partners that accepted a place on its plans (every registered organisation if absent)' }),
});

/** The partners that accepted a place on the plans a partnership body keeps (drafts too; not a plan superseded), sorted. */
export function partnersOf(partnership: string, kept: readonly PlanView[]): string[] {
  const partners = kept.flatMap((p) => {
    const details = planDetails(p);
    return details && details.organisationId === partnership && details.status !== 'superseded' ? details.acceptedPartnerIds : [];
  });
  return [...new Set(partners)].filter((id) => id !== partnership).sort();
}

/** Who is expected to submit: the partnership's partners, or every registered organisation; networks never. */
async function expected(reader: Reader, partnership: string | undefined): Promise<string[]> {
  if (partnership === undefined) return (await allUnder(reader, organisations, 'all')).flatMap(({ row }) => (isNetwork(row) ? [] : [row.organisationId]));
  const partners = partnersOf(partnership, (await allUnder(reader, plans, term('organisation', partnership))).map((r) => r.row));
  const registered = await reader.get(organisations, partners.map(organisationKey));
  // A partner the ledger never registered is still expected, by its id.
  return partners.filter((id) => {
    const organisation = registered.get(organisationKey(id));
    return organisation === undefined || !isNetwork(organisation);
  });
}

export const notSubmittedView = defineView({
  path: '/v1/health-check/not-submitted',
  summary: 'Organisations with no health-check submission, per cycle',
  description:
    'Per cycle (oldest first), each expected organisation with no submission, by name: every registered organisation, or with `partnership` the partners that accepted a place on the plans that partnership body keeps (one only invited is not expected). Networks (organisations of kind `network`) are never expected. `overdue` once the cycle is past its due date; `replacedBy` names the organisation that replaced one, if any.',
  reads: [...cyclesAndSubmissions, plans],
  filters: notSubmittedFilters,
  place: indexPlace,
  async page(reader, query, { after, limit }) {
    const organisationIds = await expected(reader, query.partnership);
    const [nameOf, replacedOf] = await Promise.all([namesOrIds(reader, organisationIds), replacements(reader, organisationIds)]);
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
                ...replacedOf(organisation.organisationId),
                overdue: dayOf(reader.today) > dayOf(cycle.dueBy),
              }));
          }),
        ),
      1,
    );
  },
});
