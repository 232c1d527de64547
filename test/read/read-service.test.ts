// The read service, as every face uses it: a view by name, its filters validated by the view's
// own schema, a page of rows with the cursor to the next, and the position read at.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { ReadRefused } from '../../src/read/errors.js';
import { MAX_LIMIT } from '../../src/read/page-request.js';
import { plannedActivity } from '../projections/events.js';
import { openReadLedger, type ReadLedger } from './read-ledger.js';

let ledger: ReadLedger;
let head: number;

/** Activities a01..a25, one a week from 2013-01-07, each a week long. */
const planned: LedgerEvent[] = Array.from({ length: 25 }, (_, i) => {
  const opens = new Date(Date.UTC(2013, 0, 7 + 7 * i));
  const closes = new Date(opens.getTime() + 6 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return plannedActivity(`a${String(i + 1).padStart(2, '0')}`, { window: { opens: day(opens), closes: day(closes) } });
});

beforeAll(async () => {
  ledger = await openReadLedger();
  for (const event of planned) head = await ledger.append(`activity-${(event.data as { activityId: string }).activityId}`, [event]);
  await ledger.catchUp();
});
afterAll(() => ledger.close());

async function refusal(read: Promise<unknown>): Promise<ReadRefused> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadRefused);
  return error as ReadRefused;
}

describe('the read service', () => {
  it('reads a page of a view by its name, with the position its read models had reached', async () => {
    const page = await ledger.read.read('calendar', { from: '2013-01-01', to: '2013-01-31' });
    expect(page.rows.map((r) => r.activityId)).toEqual(['a01', 'a02', 'a03', 'a04']);
    expect(page.next).toBeNull();
    expect(page.position).toBe(head);
  });

  it('lists every view the faces serve, each with its filters', () => {
    expect(ledger.read.views.map((v) => v.name)).toEqual(expect.arrayContaining(['calendar', 'influence/decisions', 'duplication/load', 'action-plans/tracker']));
    expect(Object.keys(ledger.read.views.find((v) => v.name === 'calendar')?.filters.shape ?? {})).toEqual(expect.arrayContaining(['organisation', 'from', 'to', 'topic']));
  });

  it('refuses a filter the view’s schema refuses, naming the field', async () => {
    const refused = await refusal(ledger.read.read('calendar', { from: 'last-week', period: 'fortnight' }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.issues.map((i) => i.field)).toEqual(['from', 'period']);
  });

  it('refuses a view it does not have', async () => {
    expect((await refusal(ledger.read.read('calendar/everything', {}))).code).toBe('VIEW_NOT_FOUND');
  });

  it('hands out every row exactly once across pages, following next', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ledger.read.read('calendar', { limit: '7', ...(cursor ? { cursor } : {}) });
      expect(page.rows.length).toBeLessThanOrEqual(7);
      seen.push(...page.rows.map((r) => `${String(r.period)} ${String(r.activityId)}`));
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    const everyRow = (await ledger.read.read('calendar', { limit: String(MAX_LIMIT) })).rows.map((r) => `${String(r.period)} ${String(r.activityId)}`);
    expect(everyRow.length).toBeGreaterThan(25);
    expect(seen).toEqual(everyRow);
    expect(pages).toBe(Math.ceil(everyRow.length / 7));
  });

  it('answers a filter that selects nothing with no rows and no next page', async () => {
    const page = await ledger.read.read('calendar', { organisation: 'nobody-at-all' });
    expect(page).toMatchObject({ rows: [], next: null, position: head });
  });

  it(`refuses a limit above ${MAX_LIMIT}, saying the most it takes`, async () => {
    const refused = await refusal(ledger.read.read('calendar', { limit: String(MAX_LIMIT + 1) }));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.issues).toEqual([{ field: 'limit', message: expect.stringContaining(String(MAX_LIMIT)) }]);
    expect((await refusal(ledger.read.read('calendar', { limit: '0' }))).issues[0]?.field).toBe('limit');
  });

  it('refuses a cursor altered by hand, or written for other filters, with CURSOR_INVALID', async () => {
    const { next } = await ledger.read.read('calendar', { limit: '5' });
    expect(next).toEqual(expect.any(String));
    const cursor = next as string;
    const [payload, signature] = cursor.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { at: unknown };
    const altered = JSON.stringify({ ...decoded, at: { period: '2013-01-01', sort: '', key: '' } });
    const forgeries = [
      `${Buffer.from(altered).toString('base64url')}.${signature}`,
      `${payload}.${signature.slice(0, -2)}AA`,
      'not-a-cursor',
      `${cursor}.extra`,
      '%%%.%%%',
      'x'.repeat(1_999),
    ];
    for (const forged of forgeries) {
      const refused = await refusal(ledger.read.read('calendar', { limit: '5', cursor: forged }));
      expect(refused.code, forged).toBe('CURSOR_INVALID');
      expect(refused.issues[0]?.field).toBe('cursor');
    }
    // The same cursor with other filters, or on another view, is not theirs to use.
    expect((await refusal(ledger.read.read('calendar', { limit: '5', cursor, organisation: 'halton-borough-council' }))).code).toBe('CURSOR_INVALID');
    expect((await refusal(ledger.read.read('influence/activities', { limit: '5', cursor }))).code).toBe('CURSOR_INVALID');
  });

  it('gives an export every page, and refuses a bad query before the first', async () => {
    const pages = await ledger.read.pages('calendar', { limit: '4' });
    const rows = [];
    for await (const page of pages) rows.push(...page.rows);
    expect(rows).toEqual((await ledger.read.read('calendar', { limit: String(MAX_LIMIT) })).rows);
    expect(pages.position).toBe(head);
    expect((await refusal(ledger.read.pages('calendar', { to: 'soon' }))).code).toBe('VALIDATION_FAILED');
  });
});
