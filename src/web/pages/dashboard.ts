// The dashboard: one figure per page, each a link to the evidence behind it.

import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../../api/server.js';
import { readView } from '../read.js';
import { page } from './page.js';

/** "1 decision", "3 decisions". */
const count = (n: number, one: string, many: string): { value: number; label: string } => ({ value: n, label: n === 1 ? one : many });

export function dashboardPage(app: FastifyInstance, deps: ServerDeps): void {
  page(app, '/pages', 'dashboard', 'dashboard', async () => {
    const [decisions, activities, matrix, notSubmitted, clusters, summary] = await Promise.all([
      readView(deps, '/v1/influence/decisions', {}),
      readView(deps, '/v1/influence/activities', {}),
      readView(deps, '/v1/health-check/matrix', {}),
      readView(deps, '/v1/health-check/not-submitted', {}),
      readView(deps, '/v1/duplication/clusters', {}),
      readView(deps, '/v1/action-plans/summary', {}),
    ]);
    const states = await deps.readSide.states();
    const sum = (key: string): number => summary.rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
    return {
      title: 'Dashboard',
      figures: [
        { href: '/pages/influence', ...count(decisions.rows.length, 'decision with its evidence', 'decisions with their evidence') },
        {
          href: '/pages/influence#no-influence',
          ...count(
            activities.rows.filter((r) => r.noEvidencedInfluence !== null).length,
            'closed activity with no evidenced influence',
            'closed activities with no evidenced influence',
          ),
        },
        { href: '/pages/health-check', ...count(new Set(matrix.rows.map((r) => r.submissionId)).size, 'health-check submission', 'health-check submissions') },
        { href: '/pages/health-check#not-submitted', ...count(notSubmitted.rows.length, 'health-check return not submitted', 'health-check returns not submitted') },
        { href: '/pages/duplication', ...count(clusters.rows.length, 'cluster of activities that may duplicate each other', 'clusters of activities that may duplicate each other') },
        { href: '/pages/actions?overdue=true', ...count(sum('overdue'), 'overdue action', 'overdue actions'), detail: `of ${sum('actions')} in ${summary.rows.length} plans` },
      ],
      position: Math.min(...states.map((s) => s.position)),
      lag: Math.max(0, ...states.map((s) => s.lag)),
      parked: states.filter((s) => s.status === 'parked').map((s) => s.name),
    };
  });
}
