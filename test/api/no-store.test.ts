// Responses that carry personal data revealed for their reader, every CSV, and the pages say
// Cache-Control: no-store, so no browser or proxy cache keeps a copy; public answers may be cached.

import { describe, expect, it } from 'vitest';
import { survey } from './bodies.js';
import { ledgerForThisFile } from './harness.js';

const ledger = await ledgerForThisFile();
const officer = await ledger.tokenFor('officer', 'halton-council');
const respondent = { name: 'Jane Q. Respondent', contact: 'jane@example.org', postcode: 'WA8 7QF' };

const activityId = (await ledger.call('POST', '/v1/activities', { token: officer, body: survey })).body.createdId as string;
expect((await ledger.call('POST', `/v1/activities/${activityId}/open`, { token: officer, body: { openedOn: '2012-09-01' } })).status).toBe(200);
const recorded = await ledger.call('POST', `/v1/activities/${activityId}/feedback`, {
  token: officer,
  body: { kind: 'response', receivedOn: '2012-09-10', text: 'More street lights on Mersey Road, please.', respondent },
});
expect(recorded.status, JSON.stringify(recorded.body)).toBeLessThan(300);

describe('Cache-Control: no-store', () => {
  it('is on a response carrying personal data revealed for its reader', async () => {
    const history = await ledger.call('GET', `/v1/activities/${activityId}/events`, { token: officer });
    expect(JSON.stringify(history.body)).toContain(respondent.name); // revealed for the recording officer
    expect(history.headers.get('cache-control')).toBe('no-store');
    const feed = await ledger.call('GET', '/v1/events?limit=10', { token: await ledger.tokenFor('auditor') });
    expect(JSON.stringify(feed.body)).toContain(respondent.postcode);
    expect(feed.headers.get('cache-control')).toBe('no-store');
  });

  it('is on every CSV, by ?format=csv and by Accept: text/csv', async () => {
    const panel = await ledger.tokenFor('scrutiny');
    for (const [path, headers] of [['/v1/calendar?format=csv', {}], ['/v1/feedback-loop', { accept: 'text/csv' }]] as const) {
      const reply = await ledger.call('GET', path, { token: panel, headers });
      expect(reply.headers.get('content-type'), path).toMatch(/^text\/csv/);
      expect(reply.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('is on the pages, their error pages included', async () => {
    const cookie = await ledger.sessionCookie(await ledger.tokenFor('auditor'));
    for (const [path, status] of [['/pages', 200], ['/pages/trace/decisions/nowhere', 404]] as const) {
      const reply = await fetch(ledger.url + path, { headers: { cookie, accept: 'text/html' } });
      expect(reply.status, path).toBe(status);
      expect(reply.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('is not on public answers, which carry nothing personal', async () => {
    for (const path of ['/health', '/v1/integrity/public-key']) {
      expect((await ledger.call('GET', path)).headers.get('cache-control'), path).toBeNull();
    }
  });
});
