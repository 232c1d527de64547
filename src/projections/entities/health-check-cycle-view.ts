// A health-check cycle as a reader sees it: the round the partnership opened, and when it is due.

import { recordedOnce } from './recorded-once.js';

export const { evolve: evolveHealthCheckCycleView, view: healthCheckCycleView } = recordedOnce('HealthCheckCycleOpened', 'opened');
