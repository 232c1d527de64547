// Every aggregate, and which one handles each command type.

import type { z } from 'zod';
import type { Aggregate, Command } from '../aggregate.js';
import type { DecideContext } from '../decider.js';
import { action } from './action.js';
import { activity } from './activity.js';
import { decision } from './decision.js';
import { healthCheckCycle } from './health-check-cycle.js';
import { healthCheck } from './health-check.js';
import { organisation } from './organisation.js';
import { plan } from './plan.js';
import { area, community } from './reference.js';
import { voice } from './voice.js';

// The union of the aggregates' own types would be wider than any code needs; the handler is generic.
type AnyAggregate = Aggregate<Command, unknown, DecideContext>;

export const aggregates = [organisation, area, community, plan, activity, decision, action, healthCheckCycle, healthCheck, voice] as unknown as readonly AnyAggregate[];

/** The command types an aggregate's discriminated union accepts. */
function commandTypesOf(aggregate: AnyAggregate): string[] {
  const union = aggregate.commandSchema as unknown as z.ZodDiscriminatedUnion<z.ZodObject<{ type: z.ZodLiteral<string> }>[]>;
  return union.options.map((option) => option.shape.type.value);
}

const byCommandType = new Map<string, AnyAggregate>();
for (const aggregate of aggregates) {
  for (const type of commandTypesOf(aggregate)) {
    if (byCommandType.has(type)) throw new Error(`command ${type} is claimed by two aggregates`);
    byCommandType.set(type, aggregate);
  }
}

export const commandTypes: readonly string[] = [...byCommandType.keys()];

export function aggregateFor(commandType: string): AnyAggregate | undefined {
  return byCommandType.get(commandType);
}
