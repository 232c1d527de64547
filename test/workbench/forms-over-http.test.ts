// The workbench's forms over HTTP, as a browser sends them: only its own forms write (a
// cross-site post is refused, a form needs its session's token, a cookie still never writes
// through the JSON API), a form sent twice records once, a refused rule keeps what was typed,
// a stale revision shows what changed, an officer never gets another organisation's forms, and
// a decision with its citations and feedback to participants is recorded whole or not at all.

import { describe, expect, it } from 'vitest';
import { dateFields, HALTON, officerSession, POLICE, workbenchForThisFile } from './workbench-ledger.js';

const ledger = await workbenchForThisFile({ RATE_LIMIT_PER_MINUTE: '100000' });
const jo = await officerSession(ledger, HALTON);
const sam = await officerSession(ledger, POLICE);
const haltonToken = await ledger.tokenFor('officer', HALTON);

const survey = {
  title: 'Housing repairs survey',
  category: 'consultation',
  method: 'survey',
  ...dateFields('window.opens', '2026-01-05'),
  ...dateFields('window.closes', '2026-02-27'),
};

/** An activity of Halton's, through the API: planned, opened, with a finding, and closed if asked. */
async function haltonActivity(options: { close?: boolean } = {}): Promise<{ activityId: string; findingId: string }> {
  const api = (path: string, body: unknown) => ledger.call('POST', path, { token: haltonToken, body });
  const planned = await api('/v1/activities', { title: 'Estate survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-27' } });
  const activityId = planned.body.createdId as string;
  expect((await api(`/v1/activities/${activityId}/open`, { openedOn: '2026-01-05' })).status).toBe(200);
  const finding = await api(`/v1/activities/${activityId}/findings`, { theme: 'Repairs', summary: 'Repairs take too long.' });
  if (options.close) expect((await api(`/v1/activities/${activityId}/close`, { closedOn: '2026-02-27', participants: 40 })).status).toBe(200);
  return { activityId, findingId: finding.body.createdId as string };
}

const head = () => ledger.app.store.headPosition();

describe('only the workbench’s own forms write', () => {
  it('refuses a form posted from another site, by Sec-Fetch-Site or by Origin, and records nothing', async () => {
    const before = await head();
    const crossSite: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://attacker.example' }, { origin: 'null' }];
    for (const headers of crossSite) {
      const sent = await jo.send('/workbench/activities/new', survey, { headers });
      expect(sent.status, JSON.stringify(headers)).toBe(403);
      expect(sent.html).toContain('CROSS_SITE_REQUEST');
    }
    expect(await head()).toBe(before);
  });

  it('refuses a form without its session’s form token, or with another session’s', async () => {
    const before = await head();
    const missing = await jo.send('/workbench/activities/new', { ...survey, formToken: '' });
    expect([missing.status, missing.html.includes('FORM_TOKEN_INVALID')]).toEqual([403, true]);
    const samsToken = sam.hidden((await sam.get('/workbench')).html).formToken as string;
    const another = await jo.send('/workbench/activities/new', { ...survey, formToken: samsToken });
    expect([another.status, another.html.includes('FORM_TOKEN_INVALID')]).toEqual([403, true]);
    expect(await head()).toBe(before);
  });

  it('still never takes the session cookie for a write to the JSON API, which answers bearer tokens only', async () => {
    const before = await head();
    const write = await ledger.call('POST', '/v1/activities', {
      headers: { cookie: jo.cookie, origin: ledger.url, 'sec-fetch-site': 'same-origin' },
      body: { title: 'x', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-27' } },
    });
    expect([write.status, write.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await head()).toBe(before);
  });
});

describe('sending a form twice', () => {
  it('given a double click (two posts of one drawn form at once), records once and answers both', async () => {
    const drawn = await jo.get((await jo.get('/workbench/activities/new')).location as string);
    const body = new URLSearchParams({ ...jo.hidden(drawn.html), ...survey, title: 'Double-clicked survey' });
    const post = () =>
      fetch(`${ledger.url}/workbench/activities/new`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    const locations = answers.map((a) => a.headers.get('location') as string);
    expect(new Set(locations.map((l) => l.split('?')[0])).size).toBe(1);
    expect(locations.filter((l) => l.includes('again=1'))).toHaveLength(1);
    const planned = (await ledger.app.store.readAll()).filter((e) => e.type === 'ActivityPlanned' && (e.data as { title: string }).title === 'Double-clicked survey');
    expect(planned).toHaveLength(1);
  });

  it('given the back button (the same form, by its URL, drawn and sent again), records nothing more and says so', async () => {
    const formUrl = (await jo.get('/workbench/activities/new')).location as string;
    const send = async () => {
      const drawn = await jo.get(formUrl);
      const body = new URLSearchParams({ ...jo.hidden(drawn.html), ...survey, title: 'Back-button survey' });
      return fetch(`${ledger.url}/workbench/activities/new`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
    };
    const first = await send();
    const again = await send();
    expect(first.headers.get('location')).not.toContain('again=1');
    expect(again.headers.get('location')).toContain('again=1');
    const shown = await jo.get(again.headers.get('location') as string);
    expect(shown.html).toContain('That form had already been sent');
    expect((await ledger.app.store.readAll()).filter((e) => (e.data as { title?: string }).title === 'Back-button survey')).toHaveLength(1);
  });
});

describe('a refusal', () => {
  it('given a window that closes before it opens, shows the domain’s message beside the window, keeps every value typed, and records nothing', async () => {
    const before = await head();
    const sent = await jo.send('/workbench/activities/new', {
      ...survey,
      title: 'Repairs <b>survey</b> & rents',
      topics: 'repairs\nrents',
      ...dateFields('window.closes', '2025-12-31'),
    });
    expect(sent.status).toBe(422);
    expect(sent.html).toContain('There is a problem');
    expect(sent.html).toMatch(/id="f-window-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> an activity cannot close before it opens \(ACTIVITY_WINDOW_INVALID\)/);
    // What was typed is drawn again, escaped.
    expect(sent.html).toContain('value="Repairs &lt;b&gt;survey&lt;/b&gt; &amp; rents"');
    expect(sent.html).toContain('>repairs\nrents</textarea>');
    expect(sent.html).toContain('name="window.closes.year" type="text" inputmode="numeric" value="2025"');
    expect(sent.html).toMatch(/name="method"[\s\S]*?<option value="survey" selected>/);
    expect(sent.html).toMatch(/value="consultation" checked/);
    expect(await head()).toBe(before);
  });

  it('given a stale revision, says someone else changed the record, shows what, keeps the values; sent again, it records', async () => {
    const { activityId } = await haltonActivity();
    const formPath = `/workbench/activities/${activityId}/RescheduleActivity`;
    const formUrl = (await jo.get(formPath)).location as string;
    const drawn = await jo.get(formUrl);
    // Meanwhile a colleague records a document through the API.
    const meanwhile = await ledger.call('POST', `/v1/activities/${activityId}/documents`, { token: haltonToken, body: { document: { title: 'Survey questions', publishedOn: '2026-01-05' } } });
    expect(meanwhile.status).toBe(200);
    const body = new URLSearchParams({ ...jo.hidden(drawn.html), ...dateFields('window.opens', '2026-01-05'), ...dateFields('window.closes', '2026-03-31'), reason: 'More time for tenants' });
    const stale = await fetch(`${ledger.url}${formPath}`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
    const html = await stale.text();
    expect(stale.status).toBe(409);
    expect(html).toContain('Someone else changed this');
    expect(html).toMatch(/Activity document published<\/strong>, by credential:\w+ at [^:]+:\d\d UTC: document: published on: 2026-01-05, title: Survey questions/);
    expect(html).toContain('>More time for tenants</textarea>');
    expect((await ledger.app.store.readStream(`activity-${activityId}`)).map((e) => e.type)).not.toContain('ActivityRescheduled');
    const again = await fetch(`${ledger.url}${formPath}`, {
      method: 'POST',
      headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url },
      body: new URLSearchParams({ ...jo.hidden(html), ...dateFields('window.opens', '2026-01-05'), ...dateFields('window.closes', '2026-03-31'), reason: 'More time for tenants' }),
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    expect((await ledger.app.store.readStream(`activity-${activityId}`)).map((e) => e.type)).toContain('ActivityRescheduled');
  });
});

describe('another organisation’s records', () => {
  it('given a police officer, never draws a form for Halton’s activity, nor takes one for it', async () => {
    const { activityId } = await haltonActivity();
    const before = await head();
    for (const path of [`/workbench/activities/${activityId}`, `/workbench/activities/${activityId}/CloseActivity`, `/workbench/activities/${activityId}/import`]) {
      const page = await sam.get(path);
      expect(page.status, path).toBe(403);
      expect(page.html).toContain('belongs to another organisation');
      // The only form on the page is the header's sign-out.
      expect([...page.html.matchAll(/<form /g)]).toHaveLength(1);
    }
    const drawnByHalton = await jo.get((await jo.get(`/workbench/activities/${activityId}/CloseActivity`)).location as string);
    const sent = await fetch(`${ledger.url}/workbench/activities/${activityId}/CloseActivity`, {
      method: 'POST',
      headers: { cookie: sam.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url },
      body: new URLSearchParams({ ...jo.hidden(drawnByHalton.html), formToken: sam.hidden((await sam.get('/workbench')).html).formToken as string, ...dateFields('closedOn', '2026-02-27') }),
      redirect: 'manual',
    });
    expect(sent.status).toBe(403);
    expect(await head()).toBe(before);
  });
});

describe('a decision with the consultation that fed it, in one form', () => {
  const decision = (title: string, decidedOn: string) => ({ body: 'Housing Board', title, outcome: 'Repairs are funded first.', outcomeKind: 'approved', ...dateFields('decidedOn', decidedOn) });

  it('offers the officer’s own activities and their findings to cite, and none of another organisation’s', async () => {
    const { activityId, findingId } = await haltonActivity();
    const html = (await jo.get((await jo.get('/workbench/decisions/new')).location as string)).html;
    expect(html).toContain(`value="activity:${activityId}"`);
    expect(html).toContain(`value="finding:${activityId}:${findingId}"`);
    const police = (await sam.get((await sam.get('/workbench/decisions/new')).location as string)).html;
    expect(police).not.toContain(activityId);
  });

  it('given a citation the domain refuses, records neither the decision nor any link, and keeps the values', async () => {
    const good = await haltonActivity();
    const before = await head();
    const decisionForm = (await jo.get('/workbench/decisions/new')).location as string;
    const drawn = await jo.get(decisionForm);
    const hidden = jo.hidden(drawn.html);
    // Two citations: the finding (fine), and the activity decided on before it opened (refused).
    const index = (value: string) => Object.entries(hidden).find(([name, v]) => /^links\.\d+\.source$/.test(name) && v === value)?.[0].split('.')[1];
    const [finding, whole] = [index(`finding:${good.activityId}:${good.findingId}`), index(`activity:${good.activityId}`)];
    const body = new URLSearchParams({ ...hidden, ...decision('Repairs first', '2026-01-04') });
    body.append('cite', `finding:${good.activityId}:${good.findingId}`);
    body.append('cite', `activity:${good.activityId}`);
    for (const i of [finding, whole]) {
      body.set(`links.${i}.influence`, 'changed');
      body.set(`links.${i}.rationale`, 'Tenants put repairs first.');
    }
    const sent = await fetch(`${ledger.url}/workbench/decisions/new`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
    const html = await sent.text();
    expect(sent.status).toBe(422);
    expect(html).toContain('INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION');
    expect(html).toContain('Nothing was recorded');
    expect(html).toContain('value="Repairs first"');
    expect(await head()).toBe(before);
    const decisionId = hidden['_new.decisionId'] as string;
    expect(await ledger.app.store.readStream(`decision-${decisionId}`)).toEqual([]);
  });

  it('given feedback to participants the activity refuses (told before it closed), records no decision either', async () => {
    const closed = await haltonActivity({ close: true });
    const before = await head();
    const sent = await jo.send('/workbench/decisions/new', {
      ...decision('Repairs first', '2026-03-10'),
      cite: `finding:${closed.activityId}:${closed.findingId}`,
      tell: 'yes',
      'tell.activityId': closed.activityId,
      ...dateFields('tell.givenOn', '2026-02-01'),
      'tell.channel': 'letter',
      'tell.summary': 'You said repairs; we funded them.',
    });
    expect(sent.status).toBe(400);
    // The citation needs its influence and rationale: nothing is sent to the ledger until the form is whole.
    expect(sent.html).toContain('Choose how it counted');
    expect(sent.html).toContain('Enter rationale');
    const hidden = jo.hidden(sent.html);
    const i = Object.entries(hidden).find(([name, v]) => /^links\.\d+\.source$/.test(name) && v === `finding:${closed.activityId}:${closed.findingId}`)?.[0].split('.')[1];
    const body = new URLSearchParams({ ...hidden, ...decision('Repairs first', '2026-03-10'), tell: 'yes', 'tell.activityId': closed.activityId, ...dateFields('tell.givenOn', '2026-02-01'), 'tell.channel': 'letter', 'tell.summary': 'You said repairs; we funded them.' });
    body.append('cite', `finding:${closed.activityId}:${closed.findingId}`);
    body.set(`links.${i}.influence`, 'changed');
    body.set(`links.${i}.rationale`, 'Tenants put repairs first.');
    const refused = await fetch(`${ledger.url}/workbench/decisions/new`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
    const refusedHtml = await refused.text();
    expect(refused.status).toBe(422);
    expect(refusedHtml).toContain('FEEDBACK_GIVEN_BEFORE_CLOSING');
    expect(await head()).toBe(before);

    // Told after it closed, with the form as it came back (a new key): the decision, its link and the feedback, together.
    body.set('tell.givenOn.day', '20');
    body.set('tell.givenOn.month', '3');
    body.set('_key', jo.hidden(refusedHtml)._key as string);
    const recorded = await fetch(`${ledger.url}/workbench/decisions/new`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
    expect(recorded.status).toBe(303);
    const decisionId = hidden['_new.decisionId'] as string;
    expect((await ledger.app.store.readStream(`decision-${decisionId}`)).map((e) => e.type)).toEqual(['DecisionRecorded', 'InfluenceLinked']);
    const told = (await ledger.app.store.readStream(`activity-${closed.activityId}`)).filter((e) => e.type === 'FeedbackGivenToParticipants');
    expect(told.map((e) => (e.data as { decisionIds: string[] }).decisionIds)).toEqual([[decisionId]]);
    expect(new Set([...(await ledger.app.store.readStream(`decision-${decisionId}`)), ...told].map((e) => e.metadata.correlationId)).size).toBe(1);
  });
});
