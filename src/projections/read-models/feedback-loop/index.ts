import { feedbackLoopView } from './view.js';

export const views = [feedbackLoopView] as const;

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
