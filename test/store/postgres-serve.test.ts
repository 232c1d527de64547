// `ledger serve` with STORE=postgres, end to end through the real HTTP API and the real
// command line: an officer records an activity, its feedback and a decision citing it; the
// log verifies over the API and with `ledger verify`; and while PostgreSQL cannot be
// reached the API answers 503 with Retry-After (never a 500), recovering by itself.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLedger, startServe, type ServerProcess } from '../support/ledger-process.js';
import { postgresForTests, uniqueDatabase } from '../support/postgres.js';
import { scaleOutEnvironment, type ScaleOutEnvironment } from '../support/scale-out.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const available = await postgresForTests('ledger serve on postgres');

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function call(server: ServerProcess, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function created(server: ServerProcess, token: string, path: string, body: unknown): Promise<string> {
  const reply = await call(server, token, 'POST', path, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.createdId as string;
}

/** An officer of a registered organisation, issued by the administrator over the API. */
async function officerOf(server: ServerProcess, dataDir: string): Promise<string> {
  const admin = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  await created(server, admin, '/v1/organisations', { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' });
  const issued = await call(server, admin, 'POST', '/v1/credentials', { role: 'officer', organisationId: 'halton-council', label: 'officer' });
  expect(issued.status).toBe(201);
  return issued.body.token as string;
}

const survey = { title: 'Residents survey 2012', category: 'consultation', method: 'survey', topics: ['community safety'], window: { opens: '2012-09-01', closes: '2012-10-31' } };

describe.skipIf(!available)('ledger serve on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let node: ScaleOutEnvironment;
  let dataDir: string;

  beforeAll(async () => {
    database = await uniqueDatabase('serve');
    node = scaleOutEnvironment(database.url);
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-pg-serve-'));
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
    await node?.close();
  });

  it('records an activity, feedback and a decision through the API, and the log verifies over the API and with ledger verify', async () => {
    const { env } = node;
    const server = await startServe(dataDir, env);
    try {
      const officer = await officerOf(server, dataDir);
      const activityId = await created(server, officer, '/v1/activities', survey);
      expect((await call(server, officer, 'POST', `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' })).status).toBe(200);
      const feedback = await call(server, officer, 'POST', `/v1/activities/${activityId}/feedback`, {
        responses: [1, 2, 3].map((n) => ({ kind: 'response', receivedOn: '2012-09-10', text: `Answer ${n}: more street lighting` })),
      });
      expect(feedback.status, JSON.stringify(feedback.body)).toBe(200);
      const decisionId = await created(server, officer, '/v1/decisions', {
        body: 'Executive Board',
        decidedOn: '2012-12-13',
        reference: 'EXB/12/13/01',
        title: 'Community safety priorities for 2013',
        outcome: 'Three priorities adopted.',
        outcomeKind: 'approved',
      });
      await created(server, officer, `/v1/decisions/${decisionId}/influence`, {
        cites: { kind: 'activity', activityId },
        influence: 'changed',
        rationale: 'Residents ranked street lighting first',
      });

      const activity = await call(server, officer, 'GET', `/v1/activities/${activityId}`);
      expect(activity.body.state.feedback).toEqual({ received: 3, redacted: 0 });
      const history = await call(server, officer, 'GET', `/v1/decisions/${decisionId}/events`);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['DecisionRecorded', 'InfluenceLinked']);
      const auditor = await call(server, readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(), 'POST', '/v1/credentials', { role: 'auditor', label: 'auditor' });
      const integrity = await call(server, auditor.body.token, 'GET', '/v1/integrity');
      expect(integrity.body).toMatchObject({ ok: true, checked: expect.any(Number) });
      // The organisation, the activity planned and opened, three responses, the decision and its link.
      expect(integrity.body.checked).toBeGreaterThanOrEqual(8);
    } finally {
      await server.stop();
    }

    const checkpoint = await runLedger(['checkpoint', '--data-dir', dataDir], env);
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    const verified = await runLedger(['verify', '--data-dir', dataDir], env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^Verified: \d+ events; the chain holds from the first event to position \d+/);
    expect(verified.stdout).toMatch(/Signed checkpoints: all 1 hold/);
  });

  describe('while PostgreSQL cannot be reached', () => {
    let proxy: TcpProxy;
    let server: ServerProcess | undefined;
    let otherDir: string;
    let otherDatabase: { url: string; drop(): Promise<void> };
    let otherNode: ScaleOutEnvironment;

    beforeAll(async () => {
      otherDatabase = await uniqueDatabase('serve_cut');
      const target = new URL(otherDatabase.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      otherDir = mkdtempSync(join(tmpdir(), 'ledger-pg-serve-cut-'));
    });
    afterAll(async () => {
      await server?.stop();
      await proxy.close();
      rmSync(otherDir, { recursive: true, force: true });
      await otherDatabase?.drop();
      await otherNode?.close();
    });

    it('the API answers 503 with Retry-After, never a 500, and serves again by itself once it is back', async () => {
      const url = new URL(otherDatabase.url);
      url.port = String(proxy.port);
      otherNode = scaleOutEnvironment(url.toString());
      server = await startServe(otherDir, otherNode.env);
      const officer = await officerOf(server, otherDir);
      const activityId = await created(server, officer, '/v1/activities', survey);

      await proxy.cut();
      const write = await call(server, officer, 'POST', `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' });
      const read = await call(server, officer, 'GET', `/v1/activities/${activityId}`);

      for (const reply of [write, read]) {
        expect(reply.status, JSON.stringify(reply.body)).toBe(503);
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(reply.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.not.stringMatching(/127\.0\.0\.1|ECONN|postgres/i) });
      }

      await proxy.restore();
      expect((await call(server, officer, 'POST', `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' })).status).toBe(200);
      expect((await call(server, officer, 'GET', `/v1/activities/${activityId}`)).body.state).toMatchObject({ status: 'open' });
    });
  });
});
