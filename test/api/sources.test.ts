// Sources on records: any command may say what document it was recorded from, and the exact
// passage it rests on; the ledger keeps that in the metadata of every event the command records.

import { describe, expect, it } from 'vitest';
import { decision, survey } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, issuePaths, send } from './requests.js';

const ledger = await ledgerForThisFile();
const halton = await ledger.tokenFor('officer', 'halton-council');
const auditor = await ledger.tokenFor('auditor');

const report = {
  title: 'Halton Safer PPB report, 12 March 2013',
  file: '004_1023d1f89cdf070b.txt',
  section: 'Appendix A',
  quote: 'Produce a Community Engagement self-assessment "health check" and conduct on an annual basis',
};

async function history(url: string): Promise<{ type: string; source?: unknown; data: Record<string, unknown> }[]> {
  const reply = await ledger.call('GET', `${url}/events`, { token: auditor });
  expect(reply.status).toBe(200);
  return reply.body.events;
}

describe('sources on records', () => {
  it('given a command with a source, when it is recorded, then its history shows the source beside the event, not in its data', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', { ...survey, source: report });
    const [planned] = await history(`/v1/activities/${activityId}`);
    expect(planned?.source).toEqual(report);
    expect(planned?.data).not.toHaveProperty('source');
  });

  it('given a batch of responses with a source, when recorded, then every event of the batch carries it', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', survey);
    await send(ledger, halton, `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' });
    const responses = [1, 2, 3].map((n) => ({ kind: 'response', receivedOn: '2012-09-10', text: `Response ${n}` }));
    await send(ledger, halton, `/v1/activities/${activityId}/feedback`, { responses, source: report });
    const received = (await history(`/v1/activities/${activityId}`)).filter((e) => e.type === 'FeedbackReceived');
    expect(received.map((e) => e.source)).toEqual([report, report, report]);
  });

  it('given a command without a source, when recorded, then its events say nothing of one', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', survey);
    const [planned] = await history(`/v1/activities/${activityId}`);
    expect(planned).not.toHaveProperty('source');
  });

  it('an influence link names what it cites as `cites`, so `source` stays the document it was recorded from', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', survey);
    await send(ledger, halton, `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' });
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    await create(ledger, halton, `/v1/decisions/${decisionId}/influence`, {
      cites: { kind: 'activity', activityId },
      influence: 'changed',
      rationale: 'Residents ranked anti-social behaviour first',
      source: report,
    });
    const linked = (await history(`/v1/decisions/${decisionId}`)).find((e) => e.type === 'InfluenceLinked');
    expect(linked?.data.source).toEqual({ kind: 'activity', activityId });
    expect(linked?.source).toEqual(report);
  });

  it('refuses a source with a link that is not http(s), a misspelt field or no quoted passage, naming each field', async () => {
    const reply = await ledger.call('POST', '/v1/activities', {
      token: halton,
      body: { ...survey, source: { title: 'Report', url: 'javascript:alert(1)', page: '4' } },
    });
    expect(issuePaths(reply)).toEqual(expect.arrayContaining(['body.source.url', 'body.source.quote', 'body.source']));
  });

  it('refuses a quoted passage longer than a paragraph', async () => {
    const reply = await ledger.call('POST', '/v1/activities', { token: halton, body: { ...survey, source: { ...report, quote: 'x'.repeat(2_001) } } });
    expect(issuePaths(reply)).toEqual(['body.source.quote']);
  });

  it('accepts a source on every command route, as the OpenAPI document says', async () => {
    const doc = (await ledger.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, any>>; components: Record<string, Record<string, any>> };
    // Shared schemas and responses are $refs into components (src/api/openapi).
    const deref = (node: any): any => {
      if (!node?.$ref) return node;
      const [, , kind, name] = (node.$ref as string).split('/');
      return deref(doc.components[kind as string]?.[name as string]);
    };
    const commandRoutes = Object.entries(doc.paths).flatMap(([path, ops]) => {
      const post = ops.post;
      const answer = deref(post?.responses?.['201'] ?? post?.responses?.['200']);
      const isCommand = deref(answer?.content?.['application/json']?.schema)?.properties?.streamId !== undefined;
      return isCommand ? [[path, deref(post.requestBody.content['application/json'].schema)] as const] : [];
    });
    expect(commandRoutes.length).toBeGreaterThan(30);
    const bodies = (schema: any): any[] => schema.anyOf ?? schema.oneOf ?? [schema];
    const without = commandRoutes.filter(([, schema]) => !bodies(schema).map(deref).every((body) => body.properties?.source !== undefined)).map(([path]) => path);
    expect(without).toEqual([]);
  });
});
