import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { healthCheckCycleView } from '../../../src/projections/entities/health-check-cycle-view.js';

describe('health-check cycle view', () => {
  it('is the cycle as opened', () => {
    const opened: LedgerEvent = { type: 'HealthCheckCycleOpened', data: { cycleId: 'halton-2013', name: 'Halton 2013', opensOn: '2013-02-01', dueBy: '2013-05-10' } };
    expect(healthCheckCycleView([opened])).toEqual({ opened: opened.data });
    expect(healthCheckCycleView([])).toEqual({ opened: null });
  });
});
