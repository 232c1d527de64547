import { projection } from './projection.js';
import { summaryView } from './summary-view.js';
import { trackerView } from './tracker-view.js';

export { projection };
export const views = [trackerView, summaryView];
