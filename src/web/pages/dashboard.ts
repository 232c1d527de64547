// The dashboard: one figure per page, each a link to the evidence behind it.

import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../deps.js';
import { readView } from '../read.js';
import { page } from './page.js';

/** "1 decision", "3 decisions"; "1,000 or more decisions" where a page of them was not the last. */
const count = (n: number, one: string, many: string, more = false): { value: string; label: string } =>
  more ? { value: `${n.toLocaleString('en-GB')} or more`, label: many } : { value: n.toLocaleString('en-GB'), label: n === 1 ? one : many };

export function dashboardPage(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages', 'dashboard', 'dashboard', async () => {
    const [decisions, activities, matrix, notSubmitted, clusters, summary] = await Promise.all([
      readView(deps.read, 'influence/decisions', {}),
      readView(deps.read, 'influence/activities', {}),
      readView(deps.read, 'health-check/matrix', {}),
      readView(deps.read, 'health-check/not-submitted', {}),
      readView(deps.read, 'duplication/clusters', {}),
      readView(deps.read, 'action-plans/summary', {}),
    ]);
    const states = await deps.read.states();
    const sum = (key: string): number => summary.rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
    return {
      title: 'Dashboard',
      figures: [
        {
          href: '/pages/influence',
          ...count(decisions.rows.filter((r) => r.decisionMade === true).length, 'decision with its evidence', 'decisions with their evidence', decisions.more),
          // Recommendations put to a body, items deferred or only discussed: listed with their evidence, never counted as decisions.
          detail: `and ${decisions.rows.filter((r) => r.decisionMade !== true).length}${decisions.more ? ' or more' : ''} not yet decided`,
        },
        {
          href: '/pages/influence#no-influence',
          ...count(
            activities.rows.filter((r) => r.noEvidencedInfluence !== null).length,
            'closed activity with no evidenced influence',
            'closed activities with no evidenced influence',
            activities.more,
          ),
        },
        { href: '/pages/health-check', ...count(new Set(matrix.rows.map((r) => r.submissionId)).size, 'health-check submission', 'health-check submissions', matrix.more) },
        { href: '/pages/health-check#not-submitted', ...count(notSubmitted.rows.length, 'health-check return not submitted', 'health-check returns not submitted', notSubmitted.more) },
        { href: '/pages/duplication', ...count(clusters.rows.length, 'cluster of activities that may duplicate each other', 'clusters of activities that may duplicate each other', clusters.more) },
        { href: '/pages/actions?overdue=true', ...count(sum('overdue'), 'overdue action', 'overdue actions', summary.more), detail: `of ${sum('actions')} in ${summary.rows.length}${summary.more ? ' or more' : ''} plans` },
      ],
      position: Math.min(...states.map((s) => s.position)),
      lag: Math.max(0, ...states.map((s) => s.lag)),
      parked: states.filter((s) => s.status === 'parked').map((s) => s.name),
    };
  });
}
