// Pages read what the API reads: the same views through the same read service, with the same
// filters. Only presentation lives in src/web.

import type { FastifyRequest } from 'fastify';
import type { Row } from '../projections/read-model-view.js';
import { MAX_LIMIT } from '../read/page-request.js';
import type { ReadService } from '../read/read-service.js';

/** A form's query string without its empty fields: an empty <select> means "any". */
export function formQuery(request: FastifyRequest): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' && v.trim() !== '' ? [[k, v.trim()]] : [])));
}

export interface ViewRead {
  rows: Row[];
  /** The read model's position: what the page shows is as of this point in the log. */
  position: number;
  /** More rows than a page shows: the CSV has them all. */
  more: boolean;
  /** The same rows as CSV, every page of them, through the API route (the session cookie authorises it). */
  csv: string;
}

/** One page, as long as pages go, of the view `name` with `query` as its filters; a bad filter is a 400 naming the field. */
export async function readView(read: ReadService, name: string, query: Record<string, string>, today?: string): Promise<ViewRead> {
  const filters = read.views.find((v) => v.name === name)?.filters;
  const known = Object.fromEntries(Object.entries(query).filter(([k]) => filters !== undefined && k in filters.shape));
  const page = await read.read(name, { ...known, limit: MAX_LIMIT }, today === undefined ? {} : { today });
  return { rows: page.rows, position: page.position, more: page.next !== null, csv: `/v1/${name}?${new URLSearchParams({ ...known, format: 'csv' })}` };
}
