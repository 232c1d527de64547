import { calendarView } from './calendar-view.js';

export const views = [calendarView];

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
