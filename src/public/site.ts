// What every public page handler shares: the read service with today's date, the words, the
// address the site is reached at, hashes of what it shows, and one way to answer a request in the
// form asked (HTML, JSON or CSV) with its ETag, Last-Modified and 304.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { csvLine, flattenRow, type CsvScalar } from '../http/csv.js';
import type { Row } from '../projections/read-model-view.js';
import type { Page } from '../read/read-service.js';
import type { PublicDeps } from './deps.js';
import { EventHashes, positionsIn, withHashes } from './evidence.js';
import { cacheHeaders, freshnessOf, notModified, RecordedTimes } from './freshness.js';
import { CONTENT_TYPES, formatOf, type Format } from './formats.js';
import type { Messages } from './messages.js';
import { RenderedAnswers, type Rendered } from './rendered.js';

export interface Answer {
  /** The read models' positions the answer was read at. */
  positions: readonly number[];
  /** The HTML page: its template and data (the layout adds the rest). */
  html?: { template: string; title: string; current?: string; data: Record<string, unknown> };
  /** The JSON answer. */
  json: unknown;
  /** The CSV rows (one page), when the answer has them. */
  csv?: readonly Row[];
  /** The next page's address, for a Link header. */
  next?: string | null;
}

export class Site {
  readonly messages: Messages;
  readonly hashes: EventHashes;
  private readonly times: RecordedTimes;
  private readonly rendered = new RenderedAnswers();

  constructor(readonly deps: PublicDeps) {
    this.messages = deps.messages;
    this.hashes = new EventHashes(deps.store);
    this.times = new RecordedTimes(deps.store);
  }

  /** Where the public read models stand now: every public view reads some of the same six projections. */
  position(): Promise<number> {
    return this.deps.read.positionOf('public/consultation');
  }

  /**
   * An answer made once per address, form and day while the read models stay at one position, then
   * sent as made (with its ETag, Last-Modified and a 304 on revalidation).
   */
  async cached(request: FastifyRequest, reply: FastifyReply, format: string, make: () => Promise<Omit<Rendered, 'position'>>): Promise<FastifyReply> {
    const key = `${format}\n${this.today()}\n${request.url}`;
    const position = await this.position();
    let answer = this.rendered.get(key, position);
    if (!answer) {
      answer = { ...(await make()), position };
      this.rendered.set(key, answer);
    }
    cacheHeaders(reply, answer);
    if (answer.cors) reply.header('access-control-allow-origin', '*');
    if (answer.link) reply.header('link', `<${answer.link}>; rel="next"`);
    if (notModified(request, answer)) return reply.code(304).send();
    return reply.type(answer.type).send(answer.body);
  }

  today(): string {
    return (this.deps.clock?.() ?? new Date()).toISOString().slice(0, 10);
  }

  /** One page of a public view, judged on today. */
  read(view: string, query: Record<string, unknown>): Promise<Page> {
    return this.deps.read.read(view, query, { today: this.today() });
  }

  /** The absolute address of a path on this site, for feeds and calendars. */
  url(request: FastifyRequest, path: string): string {
    return `${this.deps.publicUrl ?? `${request.protocol}://${request.host}`}${path}`;
  }

  /** A row with the hash of every event it shows. */
  async withHashes<T>(row: T): Promise<T> {
    return withHashes(row, await this.hashes.of(positionsIn(row)));
  }

  freshness(request: FastifyRequest, positions: readonly number[], format: string) {
    return freshnessOf(this.times, request, { positions, format, lang: this.messages.lang, today: this.today() });
  }

  /** Answer in the form asked, or 304 when the client's copy is current. */
  async answer(request: FastifyRequest, reply: FastifyReply, build: (format: Format) => Promise<Answer>, offered?: readonly Format[]): Promise<FastifyReply> {
    const format = formatOf(request, offered);
    return this.cached(request, reply, format, async () => {
      const answer = await build(format);
      const freshness = await this.freshness(request, answer.positions, format);
      const made = { ...freshness, type: CONTENT_TYPES[format], link: answer.next ?? null, cors: format !== 'html' };
      if (format === 'json') return { ...made, body: JSON.stringify(answer.json) };
      if (format === 'csv') return { ...made, body: rowsAsCsv(answer.csv ?? []) };
      const html = answer.html as NonNullable<Answer['html']>;
      const data = { ...html.data, title: html.title, current: html.current ?? '', t: this.messages.t, lang: this.messages.lang, path: request.url, formats: formatLinks(request.url), overdueDays: this.deps.settings.outcomeDueDays };
      return { ...made, body: await reply.viewAsync(html.template, data) };
    });
  }
}

/** A feed or calendar: one form, with the same ETag, Last-Modified and 304 as the pages. */
export async function answerFeed(site: Site, request: FastifyRequest, reply: FastifyReply, read: () => Promise<{ positions: readonly number[]; body: () => string }>, type: string): Promise<FastifyReply> {
  return site.cached(request, reply, type, async () => {
    const { positions, body } = await read();
    return { ...(await site.freshness(request, positions, type)), type, body: body(), link: null, cors: true };
  });
}

/** Rows as CSV, columns in order of first appearance. */
export function rowsAsCsv(rows: readonly Row[]): string {
  const flat = rows.map(flattenRow);
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  if (columns.length === 0) return '';
  return csvLine(columns) + flat.map((row) => csvLine(columns.map((c) => row[c] as CsvScalar))).join('');
}

/** The same address in JSON and CSV. */
export function formatLinks(url: string): { json: string; csv: string } {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.delete('format');
  const with_ = (format: string) => {
    const p = new URLSearchParams(params);
    p.set('format', format);
    return `${path}?${p}`;
  };
  return { json: with_('json'), csv: with_('csv') };
}

/** A query string's filled-in values: an empty form field means "any". */
export function filledIn(request: FastifyRequest, names: readonly string[]): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.flatMap((name) => {
    const value = query[name];
    return typeof value === 'string' && value.trim() !== '' ? [[name, value.trim()]] : [];
  }));
}

/** The address of the next page: this one with the cursor. */
export function nextPage(request: FastifyRequest, next: string | null): string | null {
  if (next === null) return null;
  const [path, query = ''] = request.url.split('?');
  const params = new URLSearchParams(query);
  params.set('cursor', next);
  return `${path}?${params}`;
}
