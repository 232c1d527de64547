// Pages read what the API reads: the same read-model views through the same ReadSide, with the
// same filter schemas. Only presentation lives in src/web.

import type { FastifyRequest } from 'fastify';
import { documentsFor } from '../api/routes/read-models.js';
import { ApiError } from '../api/errors.js';
import type { ReadModelView, Row } from '../projections/read-model-view.js';
import type { ReadSide } from '../projections/read-side.js';

export interface ReadDeps {
  readSide: ReadSide;
  views: readonly ReadModelView[];
}

/** A form's query string without its empty fields: an empty <select> means "any". */
export function formQuery(request: FastifyRequest): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' && v.trim() !== '' ? [[k, v.trim()]] : [])));
}

export interface ViewRead {
  rows: Row[];
  /** The read model's position: what the page shows is as of this point in the log. */
  position: number;
  /** The same rows as CSV, through the API route (the session cookie authorises it). */
  csv: string;
}

/** Runs the view at `path` over the read side with `query` as its filters; a bad filter is a 400 naming the field. */
export async function readView(deps: ReadDeps, path: string, query: Record<string, string>, today = new Date().toISOString().slice(0, 10)): Promise<ViewRead> {
  const view = deps.views.find((v) => v.path === path);
  if (!view) throw new Error(`no read-model view at ${path}`);
  const known = Object.fromEntries(Object.entries(query).filter(([k]) => k in view.filters.shape));
  const parsed = view.filters.safeParse(known);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['querystring', ...i.path.map(String)].join('.'), message: i.message }));
    throw new ApiError(400, 'VALIDATION_FAILED', `invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  const documents = await documentsFor(deps.readSide.readModels, view);
  const position = (await deps.readSide.readModels.checkpoint(view.projection))?.position ?? 0;
  const rows = view.run(documents, parsed.data, { today });
  return { rows, position, csv: `${path}?${new URLSearchParams({ ...known, format: 'csv' })}` };
}
