// The health-check matrix as a heatmap: per organisation and cycle the 4 x 5 grid of self-assessed
// scores, each cell coloured and labelled, with the ledger's evidence, the "not backed by
// evidence" flag and the guidance for the score; then the partnership grid and who has not submitted.

import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../deps.js';
import { healthCheckDimensions } from '../../domain/events/health-check.js';
import { engagementCategories } from '../../domain/values.js';
import type { Row } from '../../projections/read-model-view.js';
import { dimensionNames, healthCheckGuidance } from '../../projections/read-models/health-check/guidance.js';
import { formQuery, readView } from '../read.js';
import { page } from './page.js';

/**
 * The form's own words for the ends of its scale ("1. Poor Performing to 4. High Performing"); it
 * names neither 2 nor 3, so they show as the number alone, and the guidance for the cell (kept in
 * the product for every score) says what each means. The number, the words and the meter carry
 * the score, never the colour alone.
 */
export const scoreLabels: Readonly<Record<number, string>> = { 1: 'Poor Performing', 2: '', 3: '', 4: 'High Performing' };

/** The class a (possibly half, for a median) score is coloured by. */
const scoreClass = (score: unknown): string => (typeof score === 'number' ? `score-${Math.floor(score)}` : 'score-none');

/** ●●●○ for 3: a second, non-colour cue of the score's place on the scale. */
const meter = (score: unknown): string => (typeof score === 'number' ? '●'.repeat(Math.floor(score)) + '○'.repeat(4 - Math.floor(score)) : '');

interface Grid {
  key: string;
  first: Row;
  cells: Map<string, Row>;
}

/** Rows grouped by `key`, each group a grid addressed by category and dimension. */
function grids(rows: readonly Row[], key: (r: Row) => string): Grid[] {
  const byKey = new Map<string, Grid>();
  for (const row of rows) {
    const k = key(row);
    let grid = byKey.get(k);
    if (!grid) byKey.set(k, (grid = { key: k, first: row, cells: new Map() }));
    grid.cells.set(`${String(row.category)}|${String(row.dimension)}`, row);
  }
  return [...byKey.values()];
}

export function healthCheckPage(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages/health-check', 'health-check', 'health-check', async (request) => {
    const query = formQuery(request);
    const [matrix, partnership, notSubmitted, allCycles, everyoneMissing, everyoneSubmitted] = await Promise.all([
      readView(deps.read, 'health-check/matrix', query),
      readView(deps.read, 'health-check/partnership', query),
      readView(deps.read, 'health-check/not-submitted', query),
      readView(deps.read, 'health-check/partnership', {}),
      readView(deps.read, 'health-check/not-submitted', {}),
      readView(deps.read, 'health-check/matrix', {}),
    ]);
    const names = new Map<string, string>();
    for (const r of [...everyoneMissing.rows, ...everyoneSubmitted.rows]) names.set(String(r.organisationId), String(r.organisationName));
    const nameOf = (id: unknown): string => names.get(String(id)) ?? String(id);
    return {
      title: 'Health check',
      query,
      categories: engagementCategories.map((c) => ({ id: c, name: healthCheckGuidance[c].name })),
      dimensions: healthCheckDimensions.map((d) => ({ id: d, name: dimensionNames[d] })),
      cycles: [...new Map(allCycles.rows.map((r) => [String(r.cycleId), String(r.cycleName)]))].map(([id, name]) => ({ id, name })),
      organisations: [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
      submissions: grids(matrix.rows, (r) => `${String(r.cycleId)}|${String(r.organisationId)}`),
      partnershipGrids: grids(partnership.rows, (r) => String(r.cycleId)),
      matrix,
      partnership,
      notSubmitted,
      nameOf,
      scoreLabels,
      scoreClass,
      meter,
    };
  });
}
