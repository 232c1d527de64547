// The calendar of engagement, by month or quarter, with the API's finder filters.

import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../deps.js';
import { activityMethods } from '../../domain/events/activity.js';
import { engagementCategories } from '../../domain/values.js';
import type { Row } from '../../projections/read-model-view.js';
import { formQuery, readView } from '../read.js';
import { label } from './labels.js';
import { filterChoices } from './options.js';
import { page } from './page.js';

export function calendarPage(app: FastifyInstance, deps: PageDeps): void {
  page(app, '/pages/calendar', 'calendar', 'calendar', async (request) => {
    const query = formQuery(request);
    const [calendar, choices] = await Promise.all([readView(deps.read, 'calendar', query), filterChoices(deps.read)]);
    const periods = new Map<string, Row[]>();
    for (const row of calendar.rows) periods.set(String(row.period), [...(periods.get(String(row.period)) ?? []), row]);
    return {
      title: 'Calendar of engagement',
      query,
      period: query.period === 'quarter' ? 'quarter' : 'month',
      calendar,
      ...choices,
      periods: [...periods].map(([name, rows]) => ({ name, rows })),
      categories: engagementCategories,
      methods: activityMethods,
      label,
    };
  });
}
