// The health-check matrix: each organisation's current submission to a cycle as its 4 x 5 grid,
// one row per cell, with the guidance for the score given and the ledger's evidence beside it.

import { z } from 'zod';
import { healthCheckDimensions, type HealthCheckDimension } from '../../../domain/events/health-check.js';
import { engagementCategories, engagementCategory, entityId, type EngagementCategory } from '../../../domain/values.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { backing } from './backing.js';
import { currentSubmissions, matches, type CurrentSubmission } from './current-submissions.js';
import { healthCheckReads, organisationNames, readDocuments } from './documents.js';
import { categoryEvidence, dimensionEvidence, evidencePeriod, evidenceSources, type EvidenceSources } from './evidence.js';
import { guidanceFor, type HealthCheckScore } from './guidance.js';
import { byCycle } from './order.js';

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
    const evidence = categoryEvidence(sources, current.organisationId, category, period);
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

export const matrixView = defineView({
  path: '/v1/health-check/matrix',
  summary: 'Health-check scores per organisation, cycle, category and dimension, with the evidence beside each',
  description:
    "One row per cell of each organisation's current submission (a later submission supersedes an earlier one). Evidence is drawn from the ledger for the 12 months before the cycle opened; `backedByEvidence` is false where a score of 3 or 4 has no evidence of its kind. Depth is not scored for information giving (`applicable: false`).",
  reads: healthCheckReads,
  filters: matrixFilters,
  run(set, filters) {
    const documents = readDocuments(set);
    const nameOf = organisationNames(documents.organisations);
    const sources = evidenceSources(documents.activities, documents.decisions);
    const categories = engagementCategories.filter((c) => matches(filters.category, c));
    const dimensions = healthCheckDimensions.filter((d) => matches(filters.dimension, d));
    return currentSubmissions(documents)
      .filter(({ current }) => matches(filters.cycle, current.cycleId) && matches(filters.organisation, current.organisationId))
      .sort((a, b) => byCycle(a.cycle, b.cycle) || nameOf(a.current.organisationId).localeCompare(nameOf(b.current.organisationId)))
      .flatMap((submission) => submissionRows(submission, nameOf(submission.current.organisationId), sources, categories, dimensions));
  },
});
