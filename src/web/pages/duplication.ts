// The duplication report: clusters of activities that ask the same people about the same things at
// the same time (with why, and a joint window), and the consultation load per area, community of
// interest and quarter, over- and under-consulted marked, as a table and a chart of it.

import type { FastifyInstance } from 'fastify';
import { ReadRefused } from '../../read/errors.js';
import type { ReadService } from '../../read/read-service.js';
import type { PageDeps } from '../deps.js';
import { formQuery, readView, type ViewRead } from '../read.js';
import { label } from './labels.js';
import { filterChoices } from './options.js';
import { jsonForScript, page } from './page.js';

/**
 * The load over a period too long to show (the activities run further apart than a view answers
 * for, and the form left From or To open): no rows, and the refusal, which says what to ask.
 */
async function loadOrWhyNot(read: ReadService, query: Record<string, string>): Promise<ViewRead & { refused: string | null }> {
  try {
    return { ...(await readView(read, 'duplication/load', query)), refused: null };
  } catch (error) {
    if (!(error instanceof ReadRefused) || error.code !== 'PERIOD_TOO_LONG') throw error;
    return { rows: [], position: 0, more: false, csv: '', refused: error.message };
  }
}

export function duplicationPage(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages/duplication', 'duplication', 'duplication', async (request) => {
    const query = formQuery(request);
    const { area: _area, community: _community, ...anywhere } = query;
    const [clusters, everyQuarter, loadAnywhere, choices] = await Promise.all([
      readView(deps.read, 'duplication/clusters', query),
      loadOrWhyNot(deps.read, query),
      loadOrWhyNot(deps.read, anywhere),
      filterChoices(deps.read),
    ]);
    // A long period has many quarters in which nobody asked anyone anything: listed once, not as
    // a row per area and community each (the CSV and ?quarters=all keep every row).
    const active = new Set(loadAnywhere.rows.filter((r) => Number(r.activities) > 0).map((r) => String(r.quarter)));
    const allQuarters = [...new Set(everyQuarter.rows.map((r) => String(r.quarter)))];
    const everyOne = query.quarters === 'all';
    const quiet = everyOne ? [] : allQuarters.filter((q) => !active.has(q));
    const load = { ...everyQuarter, rows: everyOne ? everyQuarter.rows : everyQuarter.rows.filter((r) => active.has(String(r.quarter))) };
    // The chart: a bar per quarter for each area or community asked at least once in the period.
    const quarters = [...new Set(load.rows.map((r) => String(r.quarter)))];
    const asked = [...new Set(load.rows.filter((r) => Number(r.activities) > 0).map((r) => `${String(r.targetKind)}:${String(r.targetId)}`))];
    const count = new Map(load.rows.map((r) => [`${String(r.targetKind)}:${String(r.targetId)}|${String(r.quarter)}`, Number(r.activities)]));
    const chart = {
      type: 'bar',
      labels: quarters,
      datasets: asked.map((t) => ({ label: choices.targetName(...(t.split(':') as [string, string])), data: quarters.map((q) => count.get(`${t}|${q}`) ?? 0) })),
      yTitle: 'activities',
    };
    return {
      title: 'Duplication and consultation load',
      charts: true,
      query,
      ...choices,
      clusters,
      load,
      quiet,
      allQuartersHref: `/pages/duplication?${new URLSearchParams({ ...query, quarters: 'all' })}#load`,
      over: load.rows.filter((r) => r.overConsulted).length,
      under: load.rows.filter((r) => r.underConsulted).length,
      chartJson: jsonForScript(chart),
      label,
    };
  });
}
