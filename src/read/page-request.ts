// What a reader asks of a list: how many rows, and from where. The same fields on every view,
// beside its filters, whichever face asks (API query string, page form, public site).

import { z } from 'zod';
import { MAX_CURSOR_LENGTH } from './cursor.js';

/** Rows per page when a reader does not say. */
export const DEFAULT_LIMIT = 100;
/** The most rows one page holds; CSV exports follow `next` through every page. */
export const MAX_LIMIT = 1_000;

export const pageRequest = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .meta({ description: `Rows per page: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}` }),
  cursor: z
    .string()
    .min(1)
    .max(MAX_CURSOR_LENGTH)
    .optional()
    .meta({ description: 'The `next` of the page before; leave it out for the first page' }),
});
export type PageRequest = z.output<typeof pageRequest>;

/** The names a page request takes in a query string: no view's filter may use them. */
export const pageFields = Object.keys(pageRequest.shape) as Array<keyof PageRequest>;
