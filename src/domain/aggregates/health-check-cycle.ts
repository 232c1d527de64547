// A health-check cycle (Halton's 2013 round): the partnership opens it, organisations submit to it.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayManageReferenceData } from '../authority.js';
import type { DecideContext, Decider } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { HealthCheckCycleOpened } from '../events/health-check.js';
import { healthCheckCycleStream } from './streams.js';

export const healthCheckCycleCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OpenHealthCheckCycle'), data: HealthCheckCycleOpened.schema }),
]);
export type HealthCheckCycleCommand = z.output<typeof healthCheckCycleCommand>;

export interface HealthCheckCycleState {
  opened: boolean;
}

function decide(command: HealthCheckCycleCommand, state: HealthCheckCycleState, { actor }: DecideContext): EventOfType<'HealthCheckCycleOpened'>[] {
  assertMayManageReferenceData(actor);
  const { cycleId, opensOn, dueBy } = command.data;
  rule(!state.opened, 'HEALTH_CHECK_CYCLE_ALREADY_OPENED', `health-check cycle ${cycleId} is already open`, { cycleId });
  rule(opensOn <= dueBy, 'HEALTH_CHECK_CYCLE_DATES_INVALID', 'a cycle cannot be due before it opens', { cycleId, opensOn, dueBy });
  return [{ type: 'HealthCheckCycleOpened', data: command.data }];
}

function evolve(state: HealthCheckCycleState, event: LedgerEvent): HealthCheckCycleState {
  return event.type === 'HealthCheckCycleOpened' ? { opened: true } : state;
}

export const healthCheckCycleDecider: Decider<HealthCheckCycleCommand, LedgerEvent, HealthCheckCycleState> = {
  initialState: { opened: false },
  decide,
  evolve,
};

export const healthCheckCycle = defineAggregate({
  name: 'health-check-cycle',
  commandSchema: healthCheckCycleCommand,
  decider: healthCheckCycleDecider,
  streamId: (command) => healthCheckCycleStream(command.data.cycleId),
});

export { healthCheckCycleStream };
