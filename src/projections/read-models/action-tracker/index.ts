import { summaryView } from './summary-view.js';
import { trackerView } from './tracker-view.js';

export const views = [trackerView, summaryView];

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
