// The partnership-wide health check: per cycle, category and dimension, the median and the lowest
// of the organisations' current scores. The lowest names who gave it: a panel asks them first.

import { z } from 'zod';
import { healthCheckDimensions } from '../../../domain/events/health-check.js';
import { engagementCategories, entityId } from '../../../domain/values.js';
import { healthCheckCycles, type CycleFacts } from '../../facts/health-checks.js';
import type { Reader } from '../../reader.js';
import { defineView, type Row } from '../../read-model-view.js';
import { indexPlace, walkIndex } from '../paging.js';
import { healthCheckGuidance } from './guidance.js';
import { cycleSubmissions, cyclesAndSubmissions, matches } from './submissions.js';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

export const partnershipFilters = z.object({
  cycle: entityId.optional().meta({ description: 'One health-check cycle (all cycles if absent)' }),
});

async function cycleRows(reader: Reader, cycle: CycleFacts): Promise<Row[]> {
  const inCycle = (await cycleSubmissions(reader, cycle)).map((s) => s.current);
  return engagementCategories.flatMap((category) =>
    healthCheckDimensions.map((dimension) => {
      const scores = inCycle.flatMap((submission) => {
        const score = submission.assessments.find((a) => a.category === category)?.scores[dimension];
        return score === undefined ? [] : [{ organisationId: submission.organisationId, score }];
      });
      const lowest = scores.length === 0 ? null : Math.min(...scores.map((s) => s.score));
      return {
        cycleId: cycle.cycleId,
        cycleName: cycle.name,
        category,
        dimension,
        applicable: healthCheckGuidance[category].dimensions[dimension] !== null,
        submissions: inCycle.length,
        median: median(scores.map((s) => s.score)),
        lowest,
        lowestOrganisationIds: scores.filter((s) => s.score === lowest).map((s) => s.organisationId).sort(),
      };
    }),
  );
}

export const partnershipView = defineView({
  path: '/v1/health-check/partnership',
  summary: 'Median and lowest health-check score across the organisations, per cycle, category and dimension',
  description:
    'Across the current submissions to each cycle (a later submission supersedes an earlier one), cycles oldest first. A cycle with no submissions shows its grid with no scores. Depth is not scored for information giving (`applicable: false`).',
  reads: cyclesAndSubmissions,
  filters: partnershipFilters,
  place: indexPlace,
  page(reader, query, { after, limit }) {
    return walkIndex(reader, healthCheckCycles, { terms: ['all'] }, after, limit, (batch) =>
      Promise.all(batch.map(({ row }) => (matches(query.cycle, row.cycleId) ? cycleRows(reader, row) : []))),
      1,
    );
  },
});
