import { clustersView } from './clusters-view.js';
import { loadView } from './load-view.js';
import { projection } from './projection.js';

export { projection };
export const views = [clustersView, loadView];
