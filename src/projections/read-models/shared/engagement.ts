import { engagementProjection } from './engagement-projection.js';

/**
 * The engagement facts (activities, decisions, organisation names) that the influence,
 * feedback-loop and lawful-consultation views all read: kept once, rebuilt once.
 */
export const engagement = engagementProjection('engagement', 1);
