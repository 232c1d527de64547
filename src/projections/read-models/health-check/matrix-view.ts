// The health-check matrix: each organisation's current submission to a cycle as its 4 x 5 grid,
// one row per cell, with the guidance for the score given and the ledger's evidence beside it.

import { z } from 'zod';
import { healthCheckDimensions, type HealthCheckDimension } from '../../../domain/events/health-check.js';
import { engagementCategories, engagementCategory, entityId, type EngagementCategory } from '../../../domain/values.js';
import { activities } from '../../facts/activities.js';
import { decisions } from '../../facts/decisions.js';
import { healthCheckCycles } from '../../facts/health-checks.js';
import type { Reader } from '../../reader.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { indexPlace, walkIndex } from '../paging.js';
import { backing } from './backing.js';
import { categoryEvidence, dimensionEvidence, evidencePeriod, evidenceSources, type EvidenceSources } from './evidence.js';
import { guidanceFor, type HealthCheckScore } from './guidance.js';
import { cycleSubmissions, cyclesAndSubmissions, matches, namesOrIds, type CurrentSubmission } from './submissions.js';

export const matrixFilters = commonFilters.pick({ organisation: true }).extend({
  cycle: entityId.optional().meta({ description: 'One health-check cycle (all cycles if absent)' }),
  category: engagementCategory.optional(),
  dimension: z.enum(healthCheckDimensions).optional(),
});

/** One submission's rows: a row per category and dimension asked for. */
function submissionRows(
  { cycle, current, supersededSubmissionIds }: CurrentSubmission,
  organisationName: string,
  sources: EvidenceSources,
  categories: readonly EngagementCategory[],
  dimensions: readonly HealthCheckDimension[],
): Row[] {
  const period = evidencePeriod(cycle.opensOn);
  return categories.flatMap((category) => {
    const assessment = current.assessments.find((a) => a.category === category);
    if (!assessment) return [];
    const evidence = categoryEvidence(sources, category, period);
    return dimensions.map((dimension) => {
      const score = (assessment.scores[dimension] ?? null) as HealthCheckScore | null;
      const applicable = score !== null;
      const cellEvidence = dimensionEvidence(dimension, evidence);
      const { backed, reason } = backing({ category, dimension, score }, cellEvidence);
      return {
        cycleId: cycle.cycleId,
        cycleName: cycle.name,
        cycleOpensOn: cycle.opensOn,
        organisationId: current.organisationId,
        organisationName,
        submissionId: current.submissionId,
        submittedOn: current.submittedOn,
        supersededSubmissionIds,
        category,
        dimension,
        applicable,
        score,
        guidance: score === null ? null : guidanceFor(category, dimension, score),
        exampleActivityIds: assessment.examples.flatMap((e) => (e.activityId ? [e.activityId] : [])),
        exampleDescriptions: assessment.examples.flatMap((e) => (e.description ? [e.description] : [])),
        evidenceFrom: period.from,
        evidenceTo: period.to,
        evidence: applicable ? cellEvidence.measure : null,
        evidenceCount: applicable ? cellEvidence.activityIds.length : null,
        evidenceActivityIds: applicable ? cellEvidence.activityIds : null,
        equalityMonitoredParticipants: dimension === 'breadth' ? evidence.equalityMonitoredParticipants : null,
        influencedActivityIds: dimension === 'taking_action' ? evidence.influencedActivityIds : null,
        feedbackGivenActivityIds: dimension === 'taking_action' ? evidence.feedbackGivenActivityIds : null,
        backedByEvidence: backed,
        notBackedReason: reason,
      };
    });
  });
}

type Query = z.output<typeof matrixFilters>;

/** A cycle's rows: each submission in force, by organisation name, its cells asked for, with their evidence. */
async function cycleRows(reader: Reader, cycle: CurrentSubmission['cycle'], query: Query): Promise<Row[]> {
  const submissions = await cycleSubmissions(reader, cycle, query.organisation);
  const nameOf = await namesOrIds(reader, submissions.map((s) => s.current.organisationId));
  const categories = engagementCategories.filter((c) => matches(query.category, c));
  const dimensions = healthCheckDimensions.filter((d) => matches(query.dimension, d));
  const rows: Row[] = [];
  for (const submission of submissions.sort((a, b) => nameOf(a.current.organisationId).localeCompare(nameOf(b.current.organisationId)))) {
    const sources = await evidenceSources(reader, submission.current.organisationId);
    rows.push(...submissionRows(submission, nameOf(submission.current.organisationId), sources, categories, dimensions));
  }
  return rows;
}

export const matrixView = defineView({
  path: '/v1/health-check/matrix',
  summary: 'Health-check scores per organisation, cycle, category and dimension, with the evidence beside each',
  description:
    "One row per cell of each organisation's current submission (a later submission supersedes an earlier one), cycles oldest first, organisations by name. Evidence is drawn from the ledger for the 12 months before the cycle opened; `backedByEvidence` is false where a score of 3 or 4 has no evidence of its kind. Depth is not scored for information giving (`applicable: false`).",
  reads: [...cyclesAndSubmissions, activities, decisions],
  filters: matrixFilters,
  place: indexPlace,
  page(reader, query, { after, limit }) {
    return walkIndex(reader, healthCheckCycles, { terms: ['all'] }, after, limit, (batch) =>
      Promise.all(batch.map(({ row }) => (matches(query.cycle, row.cycleId) ? cycleRows(reader, row, query) : []))),
      1,
    );
  },
});
