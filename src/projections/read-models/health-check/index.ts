// Read model 2: the health-check matrix (Halton, Appendix B), its partnership-wide view, and who has not submitted.

import { matrixView } from './matrix-view.js';
import { notSubmittedView } from './not-submitted-view.js';
import { partnershipView } from './partnership-view.js';

export const views = [matrixView, partnershipView, notSubmittedView];

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
