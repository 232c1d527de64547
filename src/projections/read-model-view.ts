// A view of the read models, as panels and auditors query it: a route, its filters, the
// projections it reads, and how it reads one page of its rows from them, through their
// indexes, from where the last page ended. Rows serve both JSON and CSV (nested values are
// flattened for CSV).

import { z } from 'zod';
import { entityId, isoDate } from '../domain/values.js';
import type { Projection } from './projection.js';
import type { Reader } from './reader.js';

/** Filters most views accept: by organisation, area, community of interest, and period. */
export const commonFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Only records of this organisation (or where it is a joint partner that accepted)' }),
  area: entityId.optional(),
  community: entityId.optional().meta({ description: 'A community of interest' }),
  from: isoDate.optional().meta({ description: 'Period start (inclusive)' }),
  to: isoDate.optional().meta({ description: 'Period end (inclusive)' }),
});
export type CommonFilters = z.infer<typeof commonFilters>;

export type Row = Record<string, unknown>;

/** A page of a view's rows, and where the next begins (null after the last). */
export interface PageOf<P> {
  rows: Row[];
  next: P | null;
}

export interface PageAsked<P> {
  /** Where the page before ended (from its cursor); none for the first page. */
  after: P | undefined;
  limit: number;
}

export interface ReadModelView<Q extends z.ZodObject = z.ZodObject, P = unknown> {
  /** e.g. '/v1/influence/decisions' */
  path: string;
  summary: string;
  description?: string;
  /** The projections whose rows it reads. */
  reads: readonly Projection<unknown>[];
  filters: Q;
  /** The shape of the place a page ends at, checked when a cursor brings it back. */
  place: z.ZodType<P>;
  /** One page: at most `limit` rows, and where the next begins (null after the last). */
  page(reader: Reader, filters: z.output<Q>, asked: PageAsked<P>): Promise<PageOf<P>>;
}

export function defineView<Q extends z.ZodObject, P>(view: ReadModelView<Q, P>): ReadModelView<Q, P> {
  return view;
}
