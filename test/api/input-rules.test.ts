// What the door refuses before anything is read or written: dates outside the ledger's range (in
// commands and in query filters), text with control or bidirectional-override characters, and
// document links that are not http(s). Each is a 400 naming the field.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configureDateRange, DEFAULT_DATE_RANGE } from '../../src/domain/values.js';
import { survey } from './bodies.js';
import { ledgerForThisFile, startLedger } from './harness.js';
import { create, issuePaths } from './requests.js';

const ledger = await ledgerForThisFile();
const halton = await ledger.tokenFor('officer', 'halton-council');
const panel = await ledger.tokenFor('scrutiny');

describe('dates at the door', () => {
  it('refuses an activity in the year 9999 (the probe that took the server down) with both window fields named', async () => {
    const reply = await ledger.call('POST', '/v1/activities', { token: halton, body: { ...survey, window: { opens: '9999-12-01', closes: '9999-12-31' } } });
    expect(issuePaths(reply)).toEqual(['body.window.opens', 'body.window.closes']);
    expect(reply.body.error.message).toContain('must be a date from 1900-01-01 to 2100-12-31');
  });

  it('refuses a date out of range in every kind of command, e.g. a decision and a progress note', async () => {
    const decision = { body: 'Board', decidedOn: '1066-10-14', title: 'Hastings', outcome: 'Lost', outcomeKind: 'noted' };
    expect(issuePaths(await ledger.call('POST', '/v1/decisions', { token: halton, body: decision }))).toEqual(['body.decidedOn']);
  });

  it('refuses a query filter out of range with the field named, before any read model is read', async () => {
    for (const path of ['/v1/duplication/load?to=9999-12-31', '/v1/calendar?from=1800-01-01']) {
      const reply = await ledger.call('GET', path, { token: panel });
      expect(issuePaths(reply)).toEqual([path.includes('to=') ? 'querystring.to' : 'querystring.from']);
    }
  });

  it('given DATE_MIN and DATE_MAX, when a ledger starts, then its range is theirs', async () => {
    const narrow = await startLedger({ DATE_MIN: '2000-01-01', DATE_MAX: '2030-12-31' });
    try {
      const officer = await narrow.tokenFor('officer', 'halton-council');
      const reply = await narrow.call('POST', '/v1/activities', { token: officer, body: { ...survey, window: { opens: '2031-01-01', closes: '2031-01-31' } } });
      expect(issuePaths(reply)).toEqual(['body.window.opens', 'body.window.closes']);
      expect(reply.body.error.message).toContain('from 2000-01-01 to 2030-12-31');
    } finally {
      await narrow.close();
      configureDateRange(DEFAULT_DATE_RANGE);
    }
  });

  it('refuses a configuration whose DATE_MAX is before DATE_MIN, or is not a date', () => {
    expect(() => loadConfig({ DATE_MIN: '2030-01-01', DATE_MAX: '2000-01-01' })).toThrow(/DATE_MAX must not be before DATE_MIN/);
    expect(() => loadConfig({ DATE_MAX: 'never' })).toThrow(/DATE_MAX/);
  });
});

describe('text at the door', () => {
  it('refuses a title with a right-to-left override, and a description with NUL, naming each field', async () => {
    const body = { ...survey, title: 'Survey results \u202Efdp.exe', description: 'Before\u0000after' };
    expect(issuePaths(await ledger.call('POST', '/v1/activities', { token: halton, body }))).toEqual(['body.title', 'body.description']);
  });

  it('refuses control characters in list items and in a source, and keeps line breaks in long text', async () => {
    const reply = await ledger.call('POST', '/v1/activities', {
      token: halton,
      body: { ...survey, topics: ['community\u0007safety'], source: { title: 'Report', quote: 'Quoted\u2066passage' } },
    });
    expect(issuePaths(reply)).toEqual(['body.topics.0', 'body.source.quote']);
    await create(ledger, halton, '/v1/activities', { ...survey, description: 'First paragraph.\n\nSecond paragraph,\twith a tab.' });
  });
});

describe('document links at the door', () => {
  it('refuses javascript: and data: links to a document, when planned and when published later', async () => {
    const document = (url: string) => ({ title: 'Consultation paper', url, publishedOn: '2012-09-01' });
    const planned = await ledger.call('POST', '/v1/activities', { token: halton, body: { ...survey, documents: [document('javascript:alert(document.cookie)')] } });
    expect(issuePaths(planned)).toEqual(['body.documents.0.url']);
    const activityId = await create(ledger, halton, '/v1/activities', survey);
    const published = await ledger.call('POST', `/v1/activities/${activityId}/documents`, { token: halton, body: { document: document('data:text/html,<script>x</script>') } });
    expect(issuePaths(published)).toEqual(['body.document.url']);
    await create(ledger, halton, '/v1/activities', { ...survey, documents: [document('https://www.halton.gov.uk/consultation.pdf')] });
  });
});
