import { clustersView } from './clusters-view.js';
import { loadView } from './load-view.js';

export const views = [clustersView, loadView];

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
