// The whole log of a real `ledger serve` through a realistic session: no secret and no personal
// datum ever reaches it; every request's completion line names the credential and actor; 401
// and 403 are warnings with their reason.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServerProcess } from '../support/ledger-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ledger-logs-'));
let server: ServerProcess;
let log = '';
const secrets: Record<string, string> = {};
const personal = {
  name: 'Philippa Quennell-Marsh',
  contact: 'p.quennell-marsh@example.org',
  postcode: 'WA7 9ZQ',
  identifiedText: 'I am the carer at 41 Runcorn Lane and my son Tobias needs the 62 bus',
  personalText: 'My neighbour Ofelia Brandt at number 7 has been ill since March',
  badDateText: 'Write to Gwendolyn Oyelaran-Pike about the flooding',
};

interface Line {
  level: number;
  msg: string;
  route?: string;
  status?: number;
  code?: string;
  credentialId?: string;
  actor?: string;
  role?: string;
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; form?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(server.url + path, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

beforeAll(async () => {
  server = await startServe(dataDir, { LOG_LEVEL: 'trace' });
  secrets.admin = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const admin = secrets.admin;
  expect((await call('POST', '/v1/organisations', { token: admin, body: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } })).status).toBe(201);
  const officer = await call('POST', '/v1/credentials', { token: admin, body: { role: 'officer', organisationId: 'halton-council', label: 'engagement officer' } });
  expect(officer.status).toBe(201);
  secrets.officer = officer.body.token;
  const scrutiny = await call('POST', '/v1/credentials', { token: admin, body: { role: 'scrutiny', label: 'scrutiny panel' } });
  secrets.scrutiny = scrutiny.body.token;

  const planned = await call('POST', '/v1/activities', {
    token: secrets.officer,
    body: { title: 'Bus services survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-28' } },
  });
  const activityId = planned.body.createdId as string;
  await call('POST', `/v1/activities/${activityId}/open`, { token: secrets.officer, body: { openedOn: '2026-01-05' } });
  const recorded = await call('POST', `/v1/activities/${activityId}/feedback`, {
    token: secrets.officer,
    body: {
      responses: [
        { kind: 'response', receivedOn: '2026-01-10', text: personal.identifiedText, respondent: { name: personal.name, contact: personal.contact, postcode: personal.postcode } },
        { kind: 'comment', receivedOn: '2026-01-11', text: personal.personalText, personalText: true },
      ],
    },
  });
  expect(recorded.status).toBe(200);
  // A refused write that carries personal data: its validation error must not carry it into the log.
  const refused = await call('POST', `/v1/activities/${activityId}/feedback`, {
    token: secrets.officer,
    body: { kind: 'response', receivedOn: 'not a date', text: personal.badDateText, respondent: { name: personal.name } },
  });
  expect(refused.status).toBe(400);
  // The officer reads it back in clear: the response holds personal data, the log must not.
  const history = await call('GET', `/v1/activities/${activityId}/events`, { token: secrets.officer });
  expect(JSON.stringify(history.body)).toContain(personal.name);

  // A scrutiny panel signs in to the pages and reads one.
  const signIn = await call('POST', '/pages/login', { form: `token=${encodeURIComponent(secrets.scrutiny ?? "")}&next=%2Fpages` });
  expect(signIn.status).toBe(303);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  secrets.cookie = cookie.split('=').slice(1).join('=');
  expect((await call('GET', '/pages', { cookie })).status).toBe(200);

  // Refusals: a token nobody issued (401), a panel trying to write (403).
  secrets.forged = 'forged-token-0123456789abcdefghijklmnopqrstuvwxyz';
  expect((await call('GET', '/v1/events', { token: secrets.forged })).status).toBe(401);
  expect((await call('POST', '/v1/activities', { token: secrets.scrutiny, body: {} })).status).toBe(403);
  const failedSignIn = await call('POST', '/pages/login', { form: `token=${encodeURIComponent(secrets.forged ?? "")}` });
  expect(failedSignIn.status).toBe(401);

  await server.stop();
  log = server.output();
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const lines = (): Line[] =>
  log
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

describe('the log of a whole session', () => {
  it('holds no token, session cookie or personal datum anywhere', () => {
    expect(lines().length).toBeGreaterThan(15);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThan(10);
      expect(log.includes(secret), `${what} is in the log`).toBe(false);
    }
    for (const [what, value] of Object.entries(personal)) expect(log.includes(value), `${what} is in the log`).toBe(false);
    // Nor a recognisable part of them.
    for (const fragment of ['Quennell', 'Runcorn Lane', 'Ofelia', 'Oyelaran', 'WA7 9ZQ']) expect(log).not.toContain(fragment);
  });

  it('names the credential, actor and role on every authenticated request’s completion line, and routes by pattern', () => {
    const completed = lines().filter((l) => l.msg === 'request completed' && l.route?.startsWith('/v1/'));
    expect(completed.length).toBeGreaterThan(5);
    for (const line of completed) {
      expect(line.credentialId, JSON.stringify(line)).toMatch(/\S/);
      expect(line.actor).toBe(`credential:${line.credentialId}`);
      expect(line.role).toMatch(/^(admin|officer|scrutiny)$/);
    }
    expect(completed.some((l) => l.route === '/v1/activities/:activityId/feedback' && l.role === 'officer')).toBe(true);
  });

  it('logs 401 and 403 at warn with the reason', () => {
    const refusals = lines().filter((l) => l.status === 401 || l.status === 403);
    expect(refusals.map((l) => [l.status, l.level])).toEqual(expect.arrayContaining([[401, 40], [403, 40]]));
    expect(refusals.every((l) => l.level === 40)).toBe(true);
    expect(refusals.find((l) => l.route === '/v1/events')?.code).toBe('UNAUTHENTICATED');
    const forbidden = refusals.find((l) => l.route === '/v1/activities');
    expect(forbidden).toMatchObject({ code: 'ROLE_NOT_ALLOWED', role: 'scrutiny' });
    expect(forbidden?.msg).toContain('ROLE_NOT_ALLOWED');
  });
});
