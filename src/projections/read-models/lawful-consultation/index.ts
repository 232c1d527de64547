import { engagement } from '../shared/engagement.js';
import { lawfulConsultationView } from './view.js';

// Reads the shared engagement facts, kept once for the three read models that need them.
export const projection = engagement;
export const views = [lawfulConsultationView] as const;
