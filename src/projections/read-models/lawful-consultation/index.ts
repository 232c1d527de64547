import { lawfulConsultationView } from './view.js';

export const views = [lawfulConsultationView] as const;

/** The projections its views read. */
export const projections = [...new Set(views.flatMap((v) => v.reads))];
