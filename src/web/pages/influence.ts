// Evidence of influence: decisions with their evidence, activities closed without any, and the
// share of consultations with evidenced influence per organisation and year.

import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../deps.js';
import { formQuery, readView } from '../read.js';
import { label, outcomeWords, percent } from './labels.js';
import { jsonForScript, page } from './page.js';

export function influencePage(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages/influence', 'influence', 'influence', async (request) => {
    const query = formQuery(request);
    const [everyDecision, decisions, activities, organisations] = await Promise.all([
      readView(deps.read, 'influence/decisions', {}),
      readView(deps.read, 'influence/decisions', query),
      readView(deps.read, 'influence/activities', query),
      // Per year, so the period's dates become years.
      readView(deps.read, 'influence/organisations', {
        ...(query.organisation ? { organisation: query.organisation } : {}),
        ...(query.from ? { from: query.from.slice(0, 4) } : {}),
        ...(query.to ? { to: query.to.slice(0, 4) } : {}),
      }),
    ]);
    const chart = {
      type: 'bar',
      labels: organisations.rows.map((r) => `${r.organisationName ?? r.organisationId} ${r.year}`),
      datasets: [
        { label: 'With evidenced influence (%)', data: organisations.rows.map((r) => (typeof r.influenceShare === 'number' ? r.influenceShare * 100 : null)) },
        { label: 'Participants told the outcome (%)', data: organisations.rows.map((r) => (typeof r.feedbackShare === 'number' ? r.feedbackShare * 100 : null)) },
      ],
      yMax: 100,
    };
    // Who can be asked about: organisations that decided, or ran what fed a decision (the view's own organisation filter).
    const involved = new Map<string, string>();
    for (const d of everyDecision.rows) involved.set(String(d.organisationId), String(d.organisationName ?? d.organisationId));
    for (const o of (await readView(deps.read, 'influence/organisations', {})).rows) involved.set(String(o.organisationId), String(o.organisationName ?? o.organisationId));
    return {
      title: 'Evidence of influence',
      organisationOptions: [...involved].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
      charts: true,
      query,
      decisions,
      withoutInfluence: { ...activities, rows: activities.rows.filter((r) => r.noEvidencedInfluence !== null) },
      activities,
      organisations,
      chartJson: jsonForScript(chart),
      label,
      outcomeWords,
      percent,
    };
  });
}
