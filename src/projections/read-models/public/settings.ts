// What the public site's read models are told by the deployment (PUBLIC_* in the configuration):
// never by a reader's query, which must not be able to lower the suppression threshold.

import { DEFAULT_SUPPRESSION_THRESHOLD } from './suppression.js';
import type { MinimumsAsked } from '../lawful-consultation/adequate-time.js';

export interface PublicSettings {
  /** Counts of people below this read "fewer than" (suppression.ts). */
  suppressionThreshold: number;
  /** A closed consultation with no published outcome is flagged past this many days (UK Consultation Principles 2018: 12 weeks). */
  outcomeDueDays: number;
  /** Gunning's adequate time, minimum days per method (adequate-time.ts). */
  gunning: MinimumsAsked;
  /** An area or community asked this often in a quarter is marked over-consulted; this seldom or less, under-consulted. */
  overConsultedAt: number;
  underConsultedAt: number;
}

export const DEFAULT_OUTCOME_DUE_DAYS = 84;

export const defaultPublicSettings: PublicSettings = {
  suppressionThreshold: DEFAULT_SUPPRESSION_THRESHOLD,
  outcomeDueDays: DEFAULT_OUTCOME_DUE_DAYS,
  gunning: {},
  overConsultedAt: 4,
  underConsultedAt: 0,
};
