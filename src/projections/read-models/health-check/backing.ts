// When a self-assessed score is not backed by the ledger's evidence. Deliberately simple: scores 1
// and 2 describe ad hoc or partial practice and need nothing recorded; 3 and 4 describe practice
// that leaves records, so the ledger should show at least one in the 12 months before the cycle.

import type { HealthCheckDimension } from '../../../domain/events/health-check.js';
import type { EngagementCategory } from '../../../domain/values.js';
import type { DimensionEvidence } from './evidence.js';
import { dimensionNames, healthCheckGuidance } from './guidance.js';

export type Backing = { backed: true; reason: null } | { backed: false; reason: string };

export interface Cell {
  category: EngagementCategory;
  dimension: HealthCheckDimension;
  /** `null` where the dimension is not scored (depth for information giving). */
  score: number | null;
}

const backed: Backing = { backed: true, reason: null };

/** The first score whose guidance claims practice the ledger should show. */
export const claimingScore = 3;

/**
 * A score of 3 or 4 is not backed when the dimension's evidence (see evidence.ts) counts nothing:
 * - planning: no activity of the category. 3 says departments "know individually who they are trying
 *   to engage"; 4 that the partnership "ensures this is carried out": engagement took place.
 * - partnership: no joint activity. 3 has plans "aggregated as part of the partnership's business
 *   plans"; 4 has activities "co-ordinated within the organisation and with partners".
 * - breadth: no closed activity with equality monitoring. 3 "knows which sections of the population
 *   need to be engaged"; 4 "knows the detailed demographics": that knowledge is monitoring, which
 *   Halton's plan audits "as part of Community Engagement Health check".
 * - depth: no activity with findings. 3 uses "creative techniques to gather feedback"; 4 "qualitative
 *   as well as quantitative engagement": what people said was drawn together.
 * - taking action: neither influence nor feedback. 3 and 4 say results are "incorporated in to
 *   business plans" and "fed back to stakeholders".
 * Information giving has no depth: nothing is claimed, so nothing is missing.
 */
export function backing(cell: Cell, evidence: DimensionEvidence): Backing {
  const { category, dimension, score } = cell;
  if (score === null || score < claimingScore || evidence.activityIds.length > 0) return backed;
  const where = `${dimensionNames[dimension]} (${healthCheckGuidance[category].name})`;
  return { backed: false, reason: `score ${score} for ${where}, but no ${evidence.measure} in the 12 months before the cycle opened` };
}
