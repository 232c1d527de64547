// A view of a read model, as panels and auditors query it: a route, its filters,
// the documents it reads from one projection, and a pure function from those
// documents to rows. Rows serve both JSON and CSV (nested values are flattened for CSV).

import { z } from 'zod';
import { entityId, isoDate } from '../domain/values.js';

/** Filters most views accept: by organisation, area, community of interest, and period. */
export const commonFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Only records of this organisation (or where it is a joint partner)' }),
  area: entityId.optional(),
  community: entityId.optional().meta({ description: 'A community of interest' }),
  from: isoDate.optional().meta({ description: 'Period start (inclusive)' }),
  to: isoDate.optional().meta({ description: 'Period end (inclusive)' }),
});
export type CommonFilters = z.infer<typeof commonFilters>;

/** The projection's documents whose keys start with each requested prefix. */
export type DocumentSet = (prefix: string) => readonly unknown[];

export type Row = Record<string, unknown>;

export interface ReadModelView<Q extends z.ZodObject = z.ZodObject> {
  /** e.g. '/v1/influence/decisions' */
  path: string;
  summary: string;
  description?: string;
  /** The projection whose documents it reads. */
  projection: string;
  /** Key prefixes of the documents it needs, loaded before `run`. */
  documents: readonly string[];
  filters: Q;
  /** Pure. `today` is passed in so "overdue" and "N days after closing" are testable. */
  run(documents: DocumentSet, filters: z.output<Q>, context: { today: string }): Row[];
}

export function defineView<Q extends z.ZodObject>(view: ReadModelView<Q>): ReadModelView<Q> {
  return view;
}
