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
import { subject } from './subject.js';
import { voice } from './voice.js';

// The union of the aggregates' own types would be wider than any code needs; the handler is generic.
type AnyAggregate = Aggregate<Command, unknown, DecideContext>;

export const aggregates = [organisation, area, community, plan, activity, decision, action, healthCheckCycle, healthCheck, voice, subject] as unknown as readonly AnyAggregate[];

type CommandOption = z.ZodObject<{ type: z.ZodLiteral<string>; data: z.ZodObject }>;

/** The options of an aggregate's discriminated union: one object schema per command type. */
function optionsOf(aggregate: AnyAggregate): readonly CommandOption[] {
  return (aggregate.commandSchema as unknown as z.ZodDiscriminatedUnion<CommandOption[]>).options;
}

const byCommandType = new Map<string, AnyAggregate>();
const dataSchemas = new Map<string, z.ZodObject>();
for (const aggregate of aggregates) {
  for (const option of optionsOf(aggregate)) {
    const type = option.shape.type.value;
    if (byCommandType.has(type)) throw new Error(`command ${type} is claimed by two aggregates`);
    byCommandType.set(type, aggregate);
    dataSchemas.set(type, option.shape.data);
  }
}

/** The schema of a command's data, for building request schemas from it. */
export function commandDataSchema(commandType: string): z.ZodObject {
  const schema = dataSchemas.get(commandType);
  if (!schema) throw new Error(`there is no command ${commandType}`);
  return schema;
}

export const commandTypes: readonly string[] = [...byCommandType.keys()];

export function aggregateFor(commandType: string): AnyAggregate | undefined {
  return byCommandType.get(commandType);
}
