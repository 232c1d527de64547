// A view of the read models, as panels and auditors query it: a route, its filters, the
// projections it reads, and a pure function from their rows to the rows it answers. Rows
// serve both JSON and CSV (nested values are flattened for CSV).

import { z } from 'zod';
import { entityId, isoDate } from '../domain/values.js';
import type { Projection } from './projection.js';

/** Filters most views accept: by organisation, area, community of interest, and period. */
export const commonFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Only records of this organisation (or where it is a joint partner)' }),
  area: entityId.optional(),
  community: entityId.optional().meta({ description: 'A community of interest' }),
  from: isoDate.optional().meta({ description: 'Period start (inclusive)' }),
  to: isoDate.optional().meta({ description: 'Period end (inclusive)' }),
});
export type CommonFilters = z.infer<typeof commonFilters>;

/** Every row of a projection the view reads, in key order. */
export type DocumentSet = (projection: string) => readonly unknown[];

/** The rows of one projection, typed by it. */
export const rowsOf = <R>(documents: DocumentSet, projection: Projection<R>): readonly R[] => documents(projection.name) as readonly R[];

export type Row = Record<string, unknown>;

export interface ReadModelView<Q extends z.ZodObject = z.ZodObject> {
  /** e.g. '/v1/influence/decisions' */
  path: string;
  summary: string;
  description?: string;
  /** The projections whose rows it reads. */
  reads: readonly Projection<unknown>[];
  filters: Q;
  /** Pure. `today` is passed in so "overdue" and "N days after closing" are testable. */
  run(documents: DocumentSet, filters: z.output<Q>, context: { today: string }): Row[];
}

export function defineView<Q extends z.ZodObject>(view: ReadModelView<Q>): ReadModelView<Q> {
  return view;
}
