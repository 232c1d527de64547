// The calendar and the feeds read back by real parsers (ical.js for RFC 5545, feedparser for Atom,
// RFC 4287), round-tripping what the site publishes: one VEVENT per published consultation window
// with its page's URL, and one Atom entry per new consultation or published outcome. And a proof
// the site serves verifies with the ledger's own verifier module against its published key.

import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvent } from '../../src/audit/merkle/verifier.js';
import { daysFromToday, ids, startPublicLedger, unpublished, type PublicLedger } from './public-ledger.js';

let ledger: PublicLedger;
beforeAll(async () => {
  ledger = await startPublicLedger();
}, 60_000);
afterAll(() => ledger?.close());

const body = async (path: string) => (await fetch(ledger.url + path)).text();
const finder = async (query = "") => ((await (await fetch(`${ledger.url}/consultations?format=json&limit=1000${query}`)).json()) as { rows: Record<string, any>[] }).rows;

interface Entry {
  title: string;
  link: string;
  guid: string;
  pubdate: Date | null;
  date: Date | null;
  summary: string;
  author: string;
}

function parseAtom(xml: string): Promise<{ meta: Record<string, any>; items: Entry[] }> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ normalize: true, addmeta: false });
    const items: Entry[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item as unknown as Entry);
    });
    parser.on('end', () => resolve({ meta: (parser as unknown as { meta: Record<string, any> }).meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

describe('the iCalendar file', () => {
  it('parses with ical.js: one all-day VEVENT per published consultation, round-tripping title, dates, page and status', async () => {
    const text = await body('/consultations.ics');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const rows = await finder();
    expect(events.map((e) => e.summary).sort()).toEqual(rows.map((r) => r.title).sort());
    for (const row of rows) {
      const event = events.find((e) => e.summary === row.title) as ICAL.Event;
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(row.opening_date);
      // All-day events end the day after the last day (RFC 5545 §3.6.1).
      const lastDay = event.endDate.clone();
      lastDay.adjust(-1, 0, 0, 0);
      expect(lastDay.toString()).toBe(row.closing_date);
      expect(event.component.getFirstPropertyValue('url')).toBe(`${ledger.url}${row.base_path}`);
      expect(event.uid).toBe(`consultation-${row.id}@${new URL(ledger.url).host}`);
      expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    }
    expect(text).not.toContain(unpublished.title);
  });

  it('is filterable like the finder', async () => {
    const text = await body('/consultations.ics?topic=parks');
    const summaries = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(summaries).toEqual((await finder('&topic=parks')).map((r) => r.title));
    expect(summaries).toEqual(['Parks survey']);
  });
});

describe('the Atom feeds', () => {
  it('parse with feedparser and round-trip the new consultations, most recently published first', async () => {
    const { meta, items } = await parseAtom(await body('/feeds/consultations.atom'));
    expect(meta['#type']).toBe('atom');
    expect(meta.title).toContain('New consultations');
    const rows = await finder('&sort=published');
    expect(items.map((i) => [i.title, i.link, i.guid, i.pubdate?.toISOString(), i.author])).toEqual(
      rows.map((r) => [r.title, `${ledger.url}${r.base_path}`, `${ledger.url}${r.base_path}`, new Date(r.first_public_at).toISOString(), r.organisation.name]),
    );
  });

  it('parse with feedparser and round-trip the published outcomes, filterable by area', async () => {
    const { items } = await parseAtom(await body('/feeds/outcomes.atom?area=widnes'));
    expect(items.map((i) => [i.title, i.link])).toEqual([['Library opening hours from April', `${ledger.url}/decisions/${ids.decision}`]]);
    expect(items[0]?.summary).toContain('Saturday afternoons added at Widnes library.');
    expect((await parseAtom(await body('/feeds/outcomes.atom?area=nowhere'))).items).toEqual([]);
  });

  it('show plain text as plain text, whatever it holds', async () => {
    await ledger.post(ledger.officer, '/v1/activities', {
      activityId: 'markup-title', title: 'Parks <b>& play</b> areas', category: 'consultation', method: 'survey', window: { opens: daysFromToday(1), closes: daysFromToday(30) },
    });
    await ledger.post(ledger.officer, '/v1/activities/markup-title/publish', {});
    await ledger.settle();
    const { items } = await parseAtom(await body('/feeds/consultations.atom'));
    // An html-typed title is HTML: a reader shows it decoded, as the words typed, never as bold text.
    const shown = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(items.map((i) => i.title)).toContain('Parks &lt;b&gt;&amp; play&lt;/b&gt; areas');
    expect(items.map((i) => shown(i.title))).toContain('Parks <b>& play</b> areas');
  });
});

describe('proofs of what the site shows', () => {
  it('serve a proof that verifies with the verifier module and the published key, once a tree head is signed', async () => {
    expect((await ledger.call('POST', '/v1/integrity/checkpoints', { token: ledger.adminToken })).status).toBeLessThan(300);
    const proof: any = await (await fetch(`${ledger.url}/proofs/${ledger.weDid.link}`)).json();
    const key: any = await (await fetch(`${ledger.url}/v1/integrity/public-key`)).json();
    expect(proof.treeHead).toBeTruthy();
    const answer = await verifyEvent({ treeHead: proof.treeHead, publicKey: key.raw, origin: key.origin, event: proof.leaf, proof: { proof: proof.proof, position: proof.position, size: proof.size } });
    expect(answer).toMatchObject({ ok: true, position: ledger.weDid.link });
    const forged = await verifyEvent({ treeHead: proof.treeHead, publicKey: key.raw, origin: key.origin, event: proof.leaf.replace('people asked', 'people did not ask'), proof: { proof: proof.proof, position: proof.position, size: proof.size } });
    expect(forged.ok).toBe(false);
  });

  it('prove only positions the site shows', async () => {
    for (const position of [1, ...ledger.hiddenPositions]) expect((await fetch(`${ledger.url}/proofs/${position}`)).status, String(position)).toBe(404);
    expect((await fetch(`${ledger.url}/proofs/0`)).status).toBe(400);
    expect((await fetch(`${ledger.url}/proofs/not-a-number`)).status).toBe(400);
  });
});
