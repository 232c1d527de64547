// A route's path parameters are named once, in its URL; schemas and handlers read them from there.

import { z } from 'zod';
import { entityId } from '../domain/values.js';

/** '/v1/plans/:planId/objectives/:objectiveId/amend' -> ['planId', 'objectiveId'] */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
}

/** Every path parameter is an entity id, so a malformed one is a 400 before anything is read. */
export function pathParamsSchema(names: readonly string[]): z.ZodObject {
  return z.object(Object.fromEntries(names.map((name) => [name, entityId])));
}
