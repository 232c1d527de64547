// The partnership-wide health check: per cycle, category and dimension, the median and the lowest
// of the organisations' current scores. The lowest names who gave it: a panel asks them first.

import { z } from 'zod';
import { healthCheckDimensions } from '../../../domain/events/health-check.js';
import { engagementCategories, entityId } from '../../../domain/values.js';
import { defineView } from '../../read-model-view.js';
import { currentSubmissions, matches } from './current-submissions.js';
import { healthCheckReads, readDocuments } from './documents.js';
import { healthCheckGuidance } from './guidance.js';
import { byCycle } from './order.js';

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

export const partnershipView = defineView({
  path: '/v1/health-check/partnership',
  summary: 'Median and lowest health-check score across the organisations, per cycle, category and dimension',
  description:
    'Across the current submissions to each cycle (a later submission supersedes an earlier one). A cycle with no submissions shows its grid with no scores. Depth is not scored for information giving (`applicable: false`).',
  reads: healthCheckReads,
  filters: partnershipFilters,
  run(set, filters) {
    const documents = readDocuments(set);
    const submissions = currentSubmissions(documents);
    const cycles = documents.cycles.filter((c) => matches(filters.cycle, c.cycleId)).sort(byCycle);
    return cycles.flatMap((cycle) => {
      const inCycle = submissions.filter((s) => s.cycle.cycleId === cycle.cycleId).map((s) => s.current);
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
    });
  },
});
