// The demo's public site: after the seeds, it publishes the Redcar & Cleveland 2007 workshops and
// the Partnership Board decision they fed, and a few open and upcoming consultations of the seed
// organisations, each marked as demo data; every step cites a passage found in its seed and says
// that the publication (or the consultation) is the demo's, not the seed's.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { publicationDemo, redcarWorkshops } from '../../src/demo/publication.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { EventData } from '../../src/domain/events/catalogue.js';
import { CommandHandler, toLedgerEvent } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { quotedIn } from './seed-text.js';

const today = '2026-03-02';
const dir = mkdtempSync(join(tmpdir(), 'ledger-publication-'));
const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
const steps = publicationDemo(today);
let events: ReturnType<typeof toLedgerEvent>[];

beforeAll(async () => {
  const ledger = new Ledger(new CommandHandler({ store }));
  await loadDemo(ledger, seedDemo);
  await loadDemo(ledger, steps);
  events = (await store.readAll()).map(toLedgerEvent);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo’s publication', () => {
  it('publishes the four Redcar workshops and the Partnership Board decision of 25 May 2007, through the domain', () => {
    const published = events.flatMap((e) => (e.type === 'ActivityPublished' ? [e.data.activityId] : []));
    expect(published).toEqual(expect.arrayContaining([...redcarWorkshops]));
    expect(events.filter((e) => e.type === 'DecisionPublished').map((e) => (e.data as { decisionId: string }).decisionId)).toEqual(['rc-partnership-board-2007-05-25']);
  });

  it('plans open and upcoming consultations of the seed organisations, dated from the day it is loaded, titled as demo data', () => {
    const planned = events.flatMap((e) => (e.type === 'ActivityPlanned' && e.data.title.includes('(demo)') ? [e.data as EventData<'ActivityPlanned'>] : []));
    expect(planned.length).toBeGreaterThanOrEqual(3);
    const open = planned.filter((a) => a.window.opens <= today && today <= a.window.closes);
    const upcoming = planned.filter((a) => a.window.opens > today);
    expect(open.length).toBeGreaterThan(0);
    expect(upcoming.length).toBeGreaterThan(0);
    for (const a of planned) expect(a.description).toContain('Demo data');
    // Nothing is invented beyond the plan: no participant, finding or outcome for a demo consultation.
    const demoIds = new Set(planned.map((a) => a.activityId));
    expect(events.filter((e) => ['ActivityClosed', 'FindingRecorded', 'FeedbackReceived'].includes(e.type) && demoIds.has((e.data as { activityId: string }).activityId))).toEqual([]);
  });

  it('cites for every step a passage found in its seed, with a reading that says the demo, not the seed, did it', () => {
    for (const step of steps) {
      for (const quote of step.source.quotes) expect(quotedIn(step.source.document, quote), quote).toBe(true);
      expect(step.source.reading).toMatch(/demo/i);
    }
  });
});
