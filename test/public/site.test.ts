// The public site over HTTP, against a real ledger: only what is published, on every route and in
// every form; a withdrawal seen at the next read; no personal data anywhere; the forms, the
// caching (ETag, Last-Modified, 304), the cookies it never sets and its own rate limit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger } from '../api/harness.js';
import { daysFromToday, ids, planted, startPublicLedger, unpublished, type PublicLedger } from './public-ledger.js';

let ledger: PublicLedger;
beforeAll(async () => {
  ledger = await startPublicLedger();
}, 60_000);
afterAll(() => ledger?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(ledger.url + path, { headers });
/** A JSON answer, read loosely: the tests say what they expect of it. */
const json = async (reply: Promise<Response>): Promise<any> => (await reply).json();
const text = async (path: string, headers: Record<string, string> = {}) => {
  const reply = await get(path, headers);
  return { status: reply.status, headers: reply.headers, body: await reply.text() };
};

/** Every route and form the site answers, with the filters a resident might use. */
const everyPublicAddress = (): string[] => {
  const pages = ['/', '/consultations', '/consultations?area=widnes', '/consultations?topic=libraries', '/consultations?status=outcome_published', `/consultations/${ids.libraries}`, `/consultations/${ids.open}`, '/decisions', `/decisions/${ids.decision}`, '/areas/widnes', '/communities/young-people', '/organisations/halton-borough-council', '/open-data'];
  return [
    ...pages.flatMap((p) => [p, `${p}${p.includes('?') ? '&' : '?'}format=json`, `${p}${p.includes('?') ? '&' : '?'}format=csv`]),
    '/accessibility',
    '/consultations.ics',
    '/consultations.ics?area=widnes',
    '/feeds/consultations.atom',
    '/feeds/outcomes.atom',
    `/verify/${ledger.weDid.decision}`,
    `/proofs/${ledger.weDid.decision}`,
  ];
};

describe('what the public site shows', () => {
  it('takes / for residents: no sign-in, no cookie, a language on the page, the strict CSP', async () => {
    const home = await text('/', { accept: 'text/html' });
    expect(home.status).toBe(200);
    expect(home.body).toMatch(/<html lang="en-GB"/);
    expect(home.headers.get('set-cookie')).toBeNull();
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(home.body).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*(src=|type="application\/ld\+json"))[^>]*>/);
  });

  it('answers every public address without setting a cookie, each page with its lang', async () => {
    for (const path of everyPublicAddress()) {
      const reply = await text(path, { accept: 'text/html' });
      expect(reply.status, `${path}: ${reply.body.slice(0, 300)}`).toBe(200);
      expect(reply.headers.get('set-cookie'), path).toBeNull();
      if (reply.headers.get('content-type')?.startsWith('text/html')) expect(reply.body, path).toMatch(/<html lang="en-GB"/);
    }
  });

  it('answers 404 for an unpublished consultation or decision on every route, and its proof', async () => {
    for (const path of [`/consultations/${ids.hidden}`, `/consultations/${ids.hidden}?format=json`, `/consultations/${ids.hidden}?format=csv`, `/decisions/${ids.hiddenDecision}`, `/decisions/${ids.hiddenDecision}?format=json`, ...ledger.hiddenPositions.flatMap((p) => [`/proofs/${p}`, `/verify/${p}`])]) {
      const reply = await text(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain(unpublished.title);
      expect(reply.body).not.toContain(unpublished.decision);
    }
  });

  it('leaves unpublished records out of every list, feed and export, and the internal finding too', async () => {
    for (const path of everyPublicAddress()) {
      const { body } = await text(path);
      for (const secret of [unpublished.title, unpublished.decision, unpublished.rationale, unpublished.internalTheme, unpublished.withdrawnTitle, ids.hidden, ids.hiddenDecision]) {
        expect(body, `${path} shows ${secret}`).not.toContain(secret);
      }
    }
  });

  it('never shows a respondent’s name, contact, postcode or words, anywhere', async () => {
    for (const path of everyPublicAddress()) {
      const { body } = await text(path);
      for (const value of Object.values(planted)) expect(body, `${path} shows ${value}`).not.toContain(value);
      // Nor who recorded anything: only a proof carries its event as recorded, whose actor is an opaque credential id.
      if (!path.startsWith('/proofs/')) expect(body, path).not.toMatch(/credential:|"actor"/);
    }
  });

  it('proves an item it shows with the event as recorded: data the page shows, an opaque actor id, no name or token', async () => {
    const proof = await (await json(get(`/proofs/${ledger.weDid.feedback}`)));
    const [, data, metadata] = (proof.leaf as string).split('\n').map((part) => JSON.parse(part));
    expect(data.summary).toBe('You said Saturdays; from April we open until 4pm.');
    expect(metadata.actor).toMatch(/^credential:[0-9A-Z]{26}$/);
    expect(proof.leaf).not.toContain(ledger.officer);
  });

  it('stops showing a withdrawn consultation from the next read, and keeps both events in the ledger', async () => {
    const url = `/v1/activities/${ids.withdrawn}`;
    await ledger.post(ledger.officer, `${url}/publish`, {});
    await ledger.settle();
    expect((await text(`/consultations/${ids.withdrawn}`)).status).toBe(200);
    expect((await text('/consultations?format=json')).body).toContain(unpublished.withdrawnTitle);
    expect((await text('/feeds/consultations.atom')).body).toContain(unpublished.withdrawnTitle);
    await ledger.post(ledger.officer, `${url}/publication/withdraw`, { reason: 'Published too early' });
    await ledger.settle();
    expect((await text(`/consultations/${ids.withdrawn}`)).status).toBe(404);
    for (const path of ['/consultations?format=json', '/consultations.ics', '/feeds/consultations.atom', '/']) expect((await text(path)).body, path).not.toContain(unpublished.withdrawnTitle);
    const history = await ledger.call('GET', `${url}/events`, { token: ledger.officer });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ActivityPublished', 'ActivityWithdrawnFromPublication']));
  });
});

describe('a consultation page', () => {
  it('shows we asked, you said (suppressed) and we did, each we-did item with when, its position and its hash', async () => {
    const { body } = await text(`/consultations/${ids.libraries}`, { accept: 'text/html' });
    for (const heading of ['We asked', 'You said', 'We did']) expect(body).toContain(`>${heading}</h2>`);
    expect(body).toContain('This consultation is closed to responses.');
    expect(body).toContain('fewer than 5');
    expect(body).toContain('Open on Saturday afternoons');
    expect(body).toContain('Saturday afternoons added, as people asked.');
    expect(body).toContain('You said Saturdays; from April we open until 4pm.');
    expect(body).toContain('Open Widnes library on Saturday afternoons');
    const row = (await (await json(get(`/consultations/${ids.libraries}?format=json`)))).rows[0];
    const items = [row.we_did.decisions[0], row.we_did.decisions[0].influence[0], row.we_did.decisions[0].actions[0], row.we_did.feedback_to_participants[0]];
    expect(items.map((i) => i.position)).toEqual([ledger.weDid.decision, ledger.weDid.link, ledger.weDid.action, ledger.weDid.feedback]);
    for (const item of items) {
      const [event] = await ledger.app.store.readAll({ after: item.position - 1, maxCount: 1 });
      expect(item.hash).toBe(event?.hash);
      expect(item.recorded_at).toBe(event?.metadata.recordedAt);
      expect(body).toContain(item.hash);
      expect(body).toContain(`href="/verify/${item.position}"`);
    }
  });

  it('shows no count below the threshold, and no figure it could be worked out from', async () => {
    const row = (await (await json(get(`/consultations/${ids.libraries}?format=json`)))).rows[0];
    const cells = row.reach.equalityMonitoring.flatMap((c: { categories: { shown: Record<string, unknown> }[] }) => c.categories.map((x) => x.shown));
    expect(cells).toContainEqual({ fewerThan: 5 });
    expect(cells.filter((s: Record<string, unknown>) => 'count' in s).every((s: { count: number }) => s.count >= 5)).toBe(true);
    expect(row.reach.participants).not.toHaveProperty('count');
    const csv = (await text(`/consultations/${ids.libraries}?format=csv`)).body;
    expect(csv).not.toMatch(/"count":3\b|"count":(40|22|30)\b/);
  });

  it('says how to take part while it is open', async () => {
    const { body } = await text(`/consultations/${ids.open}`, { accept: 'text/html' });
    expect(body).toContain('Answer six questions online, or at any park café.');
    expect(body).toContain('href="https://example.org/parks"');
  });

  it('carries schema.org Event data with its status, and GOV.UK consultation field names in its JSON', async () => {
    const { body } = await text(`/consultations/${ids.open}`, { accept: 'text/html' });
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1];
    expect(JSON.parse(block as string)).toMatchObject({ '@context': 'https://schema.org', '@type': 'Event', name: 'Parks survey', eventStatus: 'https://schema.org/EventScheduled' });
    const row = (await (await json(get(`/consultations/${ids.libraries}?format=json`)))).rows[0];
    expect(row).toMatchObject({ opening_date: '2024-01-08', closing_date: '2024-02-08', ways_to_respond: { link_url: 'https://example.org/have-your-say' }, final_outcome_detail: 'You said Saturdays; from April we open until 4pm.' });
  });

  it('says a closed consultation with no outcome published is awaiting it, and flags it past 84 days', async () => {
    const survey = (activityId: string, opens: number, closes: number) =>
      ledger.post(ledger.officer, '/v1/activities', { activityId, title: `Survey ${activityId}`, category: 'consultation', method: 'survey', areaIds: ['widnes'], window: { opens: daysFromToday(opens), closes: daysFromToday(closes) } });
    await survey('long-ago', -130, -100);
    await survey('lately', -40, -10);
    for (const id of ['long-ago', 'lately']) await ledger.post(ledger.officer, `/v1/activities/${id}/publish`, {});
    await ledger.settle();
    const longAgo = await text('/consultations/long-ago', { accept: 'text/html' });
    expect(longAgo.body).toContain('Closed 100 days ago; outcome not yet published.');
    expect(longAgo.body).toContain('The outcome is overdue: public bodies are expected to publish one within 84 days of closing.');
    const lately = await text('/consultations/lately', { accept: 'text/html' });
    expect(lately.body).toContain('Closed 10 days ago; outcome not yet published.');
    expect(lately.body).not.toContain('The outcome is overdue');
    const rows = (await (await json(get('/consultations?status=closed_awaiting_outcome&format=json')))).rows;
    expect(rows.map((r: { id: string; outcome_overdue: boolean }) => [r.id, r.outcome_overdue])).toEqual([
      ['lately', false],
      ['long-ago', true],
    ]);
  });
});

describe('a decision page', () => {
  it('shows the consultations that fed it and Gunning’s principles in plain words, with the rule applied for adequate time', async () => {
    const { body } = await text(`/decisions/${ids.decision}`, { accept: 'text/html' });
    expect(body).toContain('Library opening hours');
    expect(body).toContain('As a written consultation or survey, it is judged on how long it was open: 32 days, against a minimum of 28.');
    expect(body).toMatch(/It was held while the decision was still open[\s\S]*?Met/);
    expect(body).not.toContain(unpublished.title);
  });
});

describe('forms, pages and caching', () => {
  it('answers JSON and CSV at the same address, by ?format= or Accept, and refuses an unknown format', async () => {
    const asJson = await get('/consultations', { accept: 'application/json' });
    expect(asJson.headers.get('content-type')).toContain('application/json');
    expect(((await asJson.json()) as any).rows.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([ids.open, ids.libraries]));
    const csv = await text('/consultations', { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('"opening_date"');
    expect(csv.headers.get('access-control-allow-origin')).toBe('*');
    const bad = await text('/consultations?format=xml');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.details.issues[0].path).toBe('querystring.format');
  });

  it('pages with a cursor, and says where the next page is', async () => {
    const all = (await (await json(get('/consultations?format=json')))).rows.map((r: { id: string }) => r.id);
    const first = await get('/consultations?format=json&limit=1');
    const page = (await first.json()) as any;
    expect(page.rows.map((r: { id: string }) => r.id)).toEqual([all[0]]);
    expect(first.headers.get('link')).toMatch(/cursor=.*rel="next"/);
    const second = await (await json(get(`/consultations?format=json&limit=1&cursor=${encodeURIComponent(page.next)}`)));
    expect(second.rows.map((r: { id: string }) => r.id)).toEqual([all[1]]);
  });

  it('refuses a filter it does not understand with 400 naming it', async () => {
    const reply = await text('/consultations?status=whenever&format=json');
    expect(reply.status).toBe(400);
    expect(reply.body).toContain('querystring.status');
  });

  it('is cacheable for a minute, with an ETag from the read models’ position, and answers 304 on revalidation', async () => {
    for (const path of ['/', `/consultations/${ids.libraries}`, '/consultations?format=csv', '/feeds/outcomes.atom', '/consultations.ics']) {
      const first = await get(path);
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=60');
      const etag = first.headers.get('etag') as string;
      const lastModified = first.headers.get('last-modified') as string;
      expect(etag).toMatch(/^W\/"\d+-/);
      expect((await get(path, { 'if-none-match': etag })).status, path).toBe(304);
      expect((await get(path, { 'if-modified-since': lastModified })).status, path).toBe(304);
      expect((await get(path, { 'if-none-match': 'W/"0-stale"' })).status, path).toBe(200);
    }
  });

  it('gives a new ETag once the ledger moves on', async () => {
    const before = (await get('/consultations')).headers.get('etag');
    await ledger.post(ledger.officer, `/v1/activities/${ids.open}/documents`, { document: { title: 'Parks map', publishedOn: '2024-01-01' } });
    await ledger.settle();
    const after = await get('/consultations', { 'if-none-match': before as string });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
  });
});

describe('its own rate limit', () => {
  it('answers 429 with Retry-After past its per-address limit, and the API is not counted against it', async () => {
    const small = await startLedger({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${small.url}/accessibility`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await fetch(`${small.url}/consultations`, { headers: { accept: 'text/html' } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.text()).toContain('Too many requests');
      expect((await small.call('GET', '/health/live')).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
