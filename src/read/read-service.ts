// The read service: the one way every face (the API's read-model routes, the scrutiny pages,
// the public site) reads a read model. Given a view's name, a query (its filters, and the page
// asked for) and the day to judge "overdue" by, it validates the filters with the view's zod
// schema, reads one page, and answers the rows, the cursor to the next page and the position
// in the log the read models had reached.

import type { z } from 'zod';
import { choiceKinds, choicesOf, type ChoiceKind, type Choices } from '../projections/read-models/reference/choices.js';
import { readerOver } from '../projections/reader.js';
import type { ProjectionState, ReadSide } from '../projections/read-side.js';
import type { ReadModelView, Row } from '../projections/read-model-view.js';
import { assertPeriodWithinBounds, refusingLongPeriods } from './bounds.js';
import { decodeCursor, encodeCursor, type CursorScope } from './cursor.js';
import { invalidFields, ReadRefused, type FieldIssue } from './errors.js';
import { MAX_LIMIT, pageFields, pageRequest, type PageRequest } from './page-request.js';

export interface Page {
  rows: Row[];
  /** The cursor to the next page; null on the last page. */
  next: string | null;
  /** The log position the read models this view reads had applied when it was read. */
  position: number;
}

/** Every page of an export; `position` is the first page's. */
export interface Pages extends AsyncIterable<Page> {
  position: number;
}

export interface ReadContext {
  /** The day "overdue" and "days since" are counted from (YYYY-MM-DD); default today (UTC). */
  today?: string;
}

/** A view as faces list and document it. */
export interface ViewInfo {
  /** e.g. "influence/decisions": the API serves it at /v1/<name>. */
  name: string;
  summary: string;
  description?: string;
  filters: z.ZodObject;
}

export interface ReadService {
  readonly views: readonly ViewInfo[];
  /** One page of a view. Refuses (ReadRefused) bad filters, a bad page request and a bad cursor. */
  read(view: string, query: Readonly<Record<string, unknown>>, context?: ReadContext): Promise<Page>;
  /**
   * Every page from the one asked for (its cursor, if any) to the last, `limit` rows each (default
   * the most), for exports. The first page is read before this resolves, so a refused query
   * throws here, before a face has started its answer.
   */
  pages(view: string, query: Readonly<Record<string, unknown>>, context?: ReadContext): Promise<Pages>;
  /**
   * Choices for a filter form (areas, communities, organisations, topics, plans), by name, from
   * the reference read models; at most `limit` (default and most: 1,000), `more` when there are more.
   */
  choices(kind: ChoiceKind, options?: { limit?: number }): Promise<Choices>;
  /** The log position a view would be read at now (the lowest its read models have applied): cheap, reads no rows. */
  positionOf(view: string): Promise<number>;
  /** True once every running read model has applied `position`; false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /** Each read model's position, lag, status and last error. */
  states(): Promise<ProjectionState[]>;
}

export const viewName = (view: Pick<ReadModelView, 'path'>): string => view.path.replace(/^\/v1\//, '');

const issuesOf = (error: z.ZodError): FieldIssue[] => error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(query)', message: i.message }));

export interface ReadServiceOptions {
  readSide: ReadSide;
  views: readonly ReadModelView[];
}

export function createReadService({ readSide, views }: ReadServiceOptions): ReadService {
  // Kept with the read models, so every server reading them accepts the cursors of the others.
  let cursorKey: Promise<Buffer> | undefined;
  const key = (): Promise<Buffer> => (cursorKey ??= readSide.readModels.cursorKey());
  const byName = new Map(views.map((view) => [viewName(view), view]));
  const find = (name: string): ReadModelView => {
    const view = byName.get(name);
    if (!view) throw new ReadRefused('VIEW_NOT_FOUND', `there is no read-model view ${name}`, [], { view: name });
    return view;
  };

  async function read(name: string, query: Readonly<Record<string, unknown>>, context: ReadContext = {}): Promise<Page> {
    const view = find(name);
    const { filters, page } = parseQuery(view, query);
    const scope: CursorScope = { view: name, filters, versions: view.reads.map((p) => p.version) };
    const after = page.cursor === undefined ? undefined : placeIn(view, decodeCursor(await key(), scope, page.cursor));
    assertPeriodWithinBounds(filters);
    // The position first: the rows read after it include at least what it says.
    const position = await positionOf(readSide, view);
    const reader = readerOver(readSide.readModels, context.today ?? new Date().toISOString().slice(0, 10));
    const { rows, next } = await refusingLongPeriods(() => view.page(reader, filters, { after, limit: page.limit }));
    return { rows, next: next === null ? null : encodeCursor(await key(), scope, next), position };
  }

  return {
    views: views.map((view) => ({ name: viewName(view), summary: view.summary, description: view.description, filters: view.filters })),
    read,
    async pages(name, query, context) {
      const asked = { limit: MAX_LIMIT, ...query };
      const first = await read(name, asked, context);
      async function* every(): AsyncGenerator<Page> {
        for (let page = first; ; page = await read(name, { ...asked, cursor: page.next }, context)) {
          yield page;
          if (page.next === null) return;
        }
      }
      return { position: first.position, [Symbol.asyncIterator]: every };
    },
    async choices(kind, options = {}) {
      if (!choiceKinds.includes(kind)) throw new ReadRefused('VIEW_NOT_FOUND', `there are no choices of ${String(kind)}`, [], { kind });
      return choicesOf(readerOver(readSide.readModels, new Date().toISOString().slice(0, 10)), kind, options.limit);
    },
    positionOf: async (name) => positionOf(readSide, find(name)),
    waitFor: (position, timeoutMs) => readSide.waitFor(position, timeoutMs),
    states: () => readSide.states(),
  };
}

/** The view's filters and the page asked for, each validated; other names in the query are not the view's and are left alone. */
function parseQuery(view: ReadModelView, query: Readonly<Record<string, unknown>>): { filters: Record<string, unknown>; page: PageRequest } {
  const page = pageRequest.safeParse(Object.fromEntries(pageFields.filter((f) => query[f] !== undefined).map((f) => [f, query[f]])));
  const filters = view.filters.safeParse(Object.fromEntries(Object.entries(query).filter(([k]) => k in view.filters.shape)));
  const issues = [...(filters.success ? [] : issuesOf(filters.error)), ...(page.success ? [] : issuesOf(page.error))];
  if (!filters.success || !page.success) throw invalidFields(issues);
  return { filters: filters.data as Record<string, unknown>, page: page.data };
}

/** The place a cursor brought back, in the shape the view gives its places. */
function placeIn(view: ReadModelView, place: unknown): unknown {
  const parsed = view.place.safeParse(place);
  if (!parsed.success) throw new ReadRefused('CURSOR_INVALID', 'cursor: not a place in this view', [{ field: 'cursor', message: 'not a place in this view' }]);
  return parsed.data;
}

/** What a view's answer includes: the log up to the lowest position among the read models it reads. */
async function positionOf(readSide: ReadSide, view: ReadModelView): Promise<number> {
  const positions = await Promise.all(view.reads.map(async (p) => (await readSide.readModels.checkpoint(p.name))?.position ?? 0));
  return Math.min(...positions);
}
