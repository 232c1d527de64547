// How an event type is declared: a name, a schema version and a zod schema for its data.
// Everything else (TypeScript types, parsing, OpenAPI later) is derived from these.

import type { z } from 'zod';

export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** Current schema version; older versions are read through upcasters (upcasters.ts). */
  readonly version: number;
  readonly schema: S;
}

export function defineEvent<const T extends string, S extends z.ZodType>(type: T, version: number, schema: S): EventDefinition<T, S> {
  return { type, version, schema };
}

/** The in-memory shape of an event of a definition: `{ type, data }`. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.output<S> } : never;
