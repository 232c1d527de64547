// Pages: every view's rows come exactly once across its pages, whatever the page size, and
// while events are appended between pages; a filter that selects nothing is an empty last
// page; a cursor outliving its read model's version is refused as stale.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { allViews } from '../../src/projections/registry.js';
import { ReadRefused } from '../../src/read/errors.js';
import { MAX_LIMIT } from '../../src/read/page-request.js';
import { createReadService, type ReadService } from '../../src/read/read-service.js';
import { plannedActivity } from '../projections/events.js';
import { openReadLedger, type ReadLedger } from './read-ledger.js';

const today = '2026-01-01';
let ledger: ReadLedger;

beforeAll(async () => {
  ledger = await openReadLedger({ demo: true });
  await ledger.catchUp();
}, 60_000);
afterAll(() => ledger?.close());

/** Every row of a view, following `next` with pages of `limit` rows; `between` runs after each page. */
async function everyPage(read: ReadService, view: string, query: Record<string, string>, limit: number, between: () => Promise<void> = async () => {}) {
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await read.read(view, { ...query, limit: String(limit), ...(cursor === null ? {} : { cursor }) }, { today });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    if (page.next === null) return rows;
    cursor = page.next;
    await between();
  }
  throw new Error(`${view} never reached its last page`);
}

/** A query per view that gives it rows on the demo ledger (and one for a second path through some). */
const queries: Array<[string, Record<string, string>]> = [
  ['calendar', {}],
  ['calendar', { period: 'quarter' }],
  ['calendar', { organisation: 'rc-coordination-team' }],
  ['influence/decisions', {}],
  ['influence/activities', {}],
  ['influence/organisations', {}],
  ['feedback-loop', {}],
  ['lawful-consultation', {}],
  ['health-check/partnership', {}],
  ['health-check/not-submitted', {}],
  ['duplication/load', { from: '2007-01-01', to: '2008-06-30' }],
  ['action-plans/tracker', {}],
  ['action-plans/summary', {}],
];

describe('pages of every view', () => {
  it.each(queries)('%s %j: every row exactly once, in order, whatever the page size', async (view, query) => {
    const whole = await ledger.read.read(view, { ...query, limit: String(MAX_LIMIT) }, { today });
    expect(whole.next).toBeNull();
    expect(whole.rows.length).toBeGreaterThan(1);
    for (const limit of [1, 2, 7]) expect(await everyPage(ledger.read, view, query, limit), `pages of ${limit}`).toEqual(whole.rows);
  });

  it('covers every view the read service serves', () => {
    const covered = new Set([...queries.map(([view]) => view), 'health-check/matrix', 'duplication/clusters']);
    expect(ledger.read.views.map((v) => v.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  const nothing: Array<[string, Record<string, string>]> = [
    ...allViews.map((v): [string, Record<string, string>] => [v.path.replace('/v1/', ''), 'organisation' in v.filters.shape ? { organisation: 'nobody-at-all' } : { cycle: 'no-such-cycle' }]),
  ];
  it.each(nothing)('%s %j: a filter that selects nothing is one empty last page', async (view, query) => {
    const page = await ledger.read.read(view, query, { today });
    expect(page.rows).toEqual([]);
    expect(page.next).toBeNull();
  });
});

describe('pages while events are appended', () => {
  let added = 0;
  /** Between pages: a new activity, planned in one of the months already listed, and caught up. */
  async function appendActivity(): Promise<void> {
    added++;
    const month = String((added % 12) + 1).padStart(2, '0');
    const event: LedgerEvent = plannedActivity(`added-${added}`, { organisationId: 'rc-coordination-team', window: { opens: `2007-${month}-02`, closes: `2007-${month}-20` } });
    await ledger.append(`activity-added-${added}`, [event]);
    await ledger.catchUp();
  }

  it.each([
    ['calendar', {}],
    ['calendar', { organisation: 'rc-coordination-team' }],
    ['influence/activities', {}],
  ] as Array<[string, Record<string, string>]>)('%s %j: every row there before the first page comes exactly once', async (view, query) => {
    const identity = (r: Record<string, unknown>) => `${String(r.period ?? '')} ${String(r.activityId)}`;
    const before = (await ledger.read.read(view, { ...query, limit: String(MAX_LIMIT) }, { today })).rows.map(identity);
    const seen = (await everyPage(ledger.read, view, query, 2, appendActivity)).map(identity);
    expect(new Set(seen).size).toBe(seen.length);
    for (const row of before) expect(seen.filter((s) => s === row), row).toHaveLength(1);
  });
});

describe('cursors', () => {
  it('refuses a cursor from before its read model was rebuilt to a new version, as stale', async () => {
    const { next } = await ledger.read.read('calendar', { limit: '2' }, { today });
    expect(next).toEqual(expect.any(String));
    // The same read models, with the activities projection at its next version (what a rebuild leaves).
    const views = allViews.map((v) => (v.path === '/v1/calendar' ? { ...v, reads: v.reads.map((p) => (p.name === 'activities' ? { ...p, version: p.version + 1 } : p)) } : v));
    const rebuilt = createReadService({ readSide: ledger.runner.readSide(), views });
    const error = await rebuilt.read('calendar', { limit: '2', cursor: next as string }, { today }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadRefused);
    expect(error).toMatchObject({ code: 'CURSOR_STALE', issues: [{ field: 'cursor' }] });
    // A service over the same read models, not rebuilt, takes it: the key that signs cursors is kept with them.
    const another = createReadService({ readSide: ledger.runner.readSide(), views: allViews });
    expect((await another.read('calendar', { limit: '2', cursor: next as string }, { today })).rows).toHaveLength(2);
  });
});
