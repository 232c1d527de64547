// Duplication clusters are worked out whole and kept for the report's following pages: a kept
// report is the one working it out again would give (never one from before the activities
// read model moved), within its bounds; and pages follow on from the last cluster given, so
// clusters the log adds meanwhile do not make another come twice or not at all.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { activities } from '../../src/projections/facts/activities.js';
import { KeptReports } from '../../src/projections/read-models/duplication/kept-reports.js';
import { clustersView, keptClusters } from '../../src/projections/read-models/duplication/clusters-view.js';
import { readerOver } from '../../src/projections/reader.js';
import { MAX_LIMIT } from '../../src/read/page-request.js';
import { plannedActivity } from '../projections/events.js';
import { openReadLedger, type ReadLedger } from './read-ledger.js';

const today = '2026-01-01';
let ledger: ReadLedger;

const reference: LedgerEvent[] = [
  { type: 'OrganisationRegistered', data: { organisationId: 'org-a', name: 'Council', kind: 'council_service' } },
  { type: 'OrganisationRegistered', data: { organisationId: 'org-b', name: 'Police', kind: 'police' } },
  { type: 'AreaDefined', data: { areaId: 'ward-1', name: 'Ward One', kind: 'ward' } },
];

/** Two organisations asking ward 1 about housing in the same days: one cluster, whose id is the first. */
const pair = (id: string, opens: string, closes: string): LedgerEvent[] =>
  ['org-a', 'org-b'].map((organisationId) =>
    plannedActivity(`${id}-${organisationId}`, { organisationId, topics: ['housing'], areaIds: ['ward-1'], window: { opens, closes } }),
  );

let appended = 0;
async function record(events: LedgerEvent[]): Promise<void> {
  await ledger.append(`duplication-${++appended}`, events);
  await ledger.catchUp();
}

type Cluster = { clusterId: string; activityIds: string[] };

async function everyPage(query: Record<string, string>, limit: number, between: () => Promise<void> = async () => {}): Promise<Cluster[]> {
  const rows: Cluster[] = [];
  for (let cursor: string | null = null, pages = 0; pages < 1_000; pages++) {
    const page = await ledger.read.read('duplication/clusters', { ...query, limit: String(limit), ...(cursor === null ? {} : { cursor }) }, { today });
    rows.push(...(page.rows as Cluster[]));
    if (page.next === null) return rows;
    cursor = page.next;
    await between();
  }
  throw new Error('never reached the last page');
}

const whole = async (query: Record<string, string> = {}): Promise<Cluster[]> =>
  (await ledger.read.read('duplication/clusters', { ...query, limit: String(MAX_LIMIT) }, { today })).rows as Cluster[];

beforeAll(async () => {
  ledger = await openReadLedger();
  await record([...reference, ...[1, 3, 5, 7, 9, 11].flatMap((m) => pair(`m${m}`, `2030-${String(m).padStart(2, '0')}-01`, `2030-${String(m).padStart(2, '0')}-20`))]);
}, 60_000);
afterAll(() => ledger?.close());

describe('kept duplication reports', () => {
  it('gives every page of a kept report as one read of the whole would, whatever the page size', async () => {
    const all = await whole();
    expect(all.map((c) => c.clusterId)).toEqual(['m1-org-a', 'm3-org-a', 'm5-org-a', 'm7-org-a', 'm9-org-a', 'm11-org-a']);
    for (const limit of [1, 2, 4]) expect(await everyPage({}, limit), `pages of ${limit}`).toEqual(all);
    expect(await everyPage({ from: '2030-03-01', to: '2030-07-31' }, 1)).toEqual(await whole({ from: '2030-03-01', to: '2030-07-31' }));
  });

  it('gives every request its own lists: a face changing the rows it was given changes no kept report', async () => {
    const given = (await ledger.read.read('duplication/clusters', { limit: '1' }, { today })).rows as Array<Cluster & { sharedTopics: string[]; activities: Array<{ topics: string[] }> }>;
    const asGiven = structuredClone(given);
    given[0]?.sharedTopics.push('changed');
    given[0]?.activities[0]?.topics.splice(0);
    expect((await ledger.read.read('duplication/clusters', { limit: '1' }, { today })).rows).toEqual(asGiven);
  });

  it('is not served once the activities read model has moved: a cancellation and a new pair show at once', async () => {
    expect((await whole()).map((c) => c.clusterId)).toContain('m5-org-a');
    await record([{ type: 'ActivityCancelled', data: { activityId: 'm5-org-b', cancelledOn: '2030-04-01', reason: 'Joined the council survey' } }, ...pair('m6', '2030-06-01', '2030-06-20')]);
    const after = (await whole()).map((c) => c.clusterId);
    expect(after).not.toContain('m5-org-a');
    expect(after).toContain('m6-org-a');
  });

  it('keeps one report per question while the read models stand still, and lets reports from before a move go', async () => {
    await whole();
    await whole({ area: 'ward-1' });
    const standing = keptClusters.size.reports;
    await whole();
    expect(keptClusters.size.reports).toBe(standing);
    await record(pair('m8', '2030-08-01', '2030-08-20'));
    await whole();
    expect(keptClusters.size).toEqual({ reports: 1, weight: 1 + 2 * (await whole()).length });
  });
});

describe('pages of clusters while events are appended', () => {
  it('gives every cluster the appends leave alone exactly once, though new ones open before the page reached', async () => {
    const before = await whole();
    let early = 0;
    // Each a cluster opening before every other: under pages counted by offset, it would push one already given onto the next page.
    const appendEarlyPair = () => record(pair(`early-${++early}`, `2029-0${early}-01`, `2029-0${early}-20`));
    const seen = (await everyPage({}, 2, appendEarlyPair)).map((c) => `${c.clusterId} ${c.activityIds.join(',')}`);
    expect(early).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    for (const cluster of before) expect(seen.filter((s) => s === `${cluster.clusterId} ${cluster.activityIds.join(',')}`), cluster.clusterId).toHaveLength(1);
  });

  it('still takes a cursor counting clusters given, as cursors were before', async () => {
    const { rows } = await ledger.read.read('duplication/clusters', { limit: '2' }, { today });
    const reader = readerOver(ledger.readModels, today);
    const byOffset = await clustersView.page(reader, {}, { after: { offset: 2 }, limit: 2 });
    expect(byOffset.rows).toEqual((await whole()).slice(2, 4));
    expect(rows).toEqual((await whole()).slice(0, 2));
  });
});

describe('the bounds of kept reports', () => {
  it('keeps at most so many reports and so much weight, the least recently used going first', async () => {
    const reader = readerOver(ledger.readModels, today);
    const kept = new KeptReports<number[]>([activities], { most: 2, weight: 10 }, (report) => report.length);
    let worked = 0;
    const ask = (question: string, size: number) =>
      kept.report(reader, question, async () => {
        worked++;
        return Array.from({ length: size }, (_, i) => i);
      });
    await ask('a', 3);
    await ask('b', 3);
    await ask('a', 3);
    await ask('c', 3);
    expect(kept.size).toEqual({ reports: 2, weight: 6 });
    expect(worked).toBe(3);
    await ask('a', 3); // kept: used more recently than b, which went
    expect(worked).toBe(3);
    await ask('b', 3);
    expect(worked).toBe(4);
    await ask('huge', 11);
    expect(kept.size.reports).toBeLessThanOrEqual(2);
    expect(kept.size.weight).toBeLessThanOrEqual(10);
    await ask('huge', 11);
    expect(worked).toBe(6);
  });

  it('answers, but does not keep, a report worked out while the read model moved', async () => {
    const reader = readerOver(ledger.readModels, today);
    const kept = new KeptReports<string>([activities], { most: 4, weight: 100 }, () => 1);
    let worked = 0;
    const ask = () =>
      kept.report(reader, 'q', async () => {
        worked++;
        if (worked === 1) await record(pair(`moving-${worked}`, '2031-01-01', '2031-01-20'));
        return `answer ${worked}`;
      });
    expect(await ask()).toBe('answer 1');
    expect(kept.size.reports).toBe(0);
    expect(await ask()).toBe('answer 2');
    expect(await ask()).toBe('answer 2');
    expect(worked).toBe(2);
  });
});
