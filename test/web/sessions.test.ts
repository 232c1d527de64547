// Browser sessions over real HTTP, as a browser sends them (form posts, cookies, Origin and
// Sec-Fetch-Site headers): server-side records whose cookie never holds the API token, ended by
// sign-out, revocation, 8 hours, an hour idle and the credential's own expiry; sign-in and
// sign-out refused from other sites; the __Host- cookie behind a trusted TLS proxy. The server's
// clock is the test's, so expiry is reached by moving it.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ledgerForThisFile, startLedger, type Harness } from '../api/harness.js';

let now = Date.parse('2026-03-02T09:00:00.000Z');
const later = (ms: number) => {
  now += ms;
};
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const ledger = await ledgerForThisFile({ RATE_LIMIT_PER_MINUTE: '100000' }, { clock: () => new Date(now) });
const admin = ledger.adminToken;
const issue = async (role: string, expiresIn?: string) => {
  const reply = await ledger.call('POST', '/v1/credentials', { token: admin, body: { role, label: `${role} in a browser`, ...(expiresIn ? { expiresIn } : {}) } });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; token: string };
};

interface Sent {
  status: number;
  location: string | null;
  setCookies: string[];
  text: string;
}

/** A request as a browser on `on` sends it: a form body, its cookie, and the headers given. */
async function browser(on: Harness, method: string, path: string, options: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Sent> {
  const headers: Record<string, string> = { accept: 'text/html', ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(on.url + path, { method, headers, body: options.form ? new URLSearchParams(options.form).toString() : undefined, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), setCookies: response.headers.getSetCookie(), text: await response.text() };
}

/** Same-origin, as a browser posting our own form says (Chromium sends Origin: null under no-referrer, and Sec-Fetch-Site). */
const ownPage = (on: Harness) => ({ origin: on.url, 'sec-fetch-site': 'same-origin' });

/** Sign in through the form; the cookie to send back (name=value). */
async function signIn(token: string, on: Harness = ledger, headers: Record<string, string> = ownPage(on)): Promise<string> {
  const reply = await browser(on, 'POST', '/pages/login', { form: { token, next: '/pages' }, headers });
  expect(reply.status, reply.text.slice(0, 300)).toBe(303);
  const [cookie] = reply.setCookies;
  return (cookie as string).split(';')[0] as string;
}

const page = (cookie: string, on: Harness = ledger, headers: Record<string, string> = {}) => browser(on, 'GET', '/pages', { cookie, headers });
/** As an API client reading with the cookie: the JSON error says why. */
const readJson = (cookie: string) => ledger.call('GET', '/v1/projections', { headers: { cookie } });

/** The sign-out form's token, from a signed-in page. */
async function formTokenOf(cookie: string): Promise<string> {
  const reply = await page(cookie);
  const match = /name="formToken" value="([^"]+)"/.exec(reply.text);
  expect(match, 'the sign-out form carries a form token').not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('a browser session', () => {
  it('keeps the API token out of the cookie: the cookie holds a random session id, and server.db only its hash', async () => {
    const { token } = await issue('scrutiny');
    const cookie = await signIn(token);
    const [name, id] = cookie.split('=') as [string, string];
    expect(name).toBe('ledger_session');
    expect(id).not.toContain(token.slice(4));
    expect(id).toMatch(/^els_[A-Za-z0-9_-]{43}$/);
    expect((await page(cookie)).status).toBe(200);

    const dir = ledger.app.config.DATA_DIR;
    const db = new Database(join(dir, 'server.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    db.close();
    expect(rows.map((row) => row.id_hash)).toContain(sha256(id));
    for (const file of readdirSync(dir).filter((f) => f.startsWith('server.db'))) {
      const bytes = readFileSync(join(dir, file)).toString('latin1');
      expect(bytes.includes(id.slice(4)), `the session id in ${file}`).toBe(false);
      expect(bytes.includes(token.slice(4)), `the token in ${file}`).toBe(false);
    }
  });

  it('is looked up once per request, by its id’s hash', async () => {
    const cookie = await signIn((await issue('scrutiny')).token);
    const lookups = vi.spyOn(ledger.app.sessions.store, 'findByIdHash');
    try {
      for (let i = 0; i < 3; i++) expect((await page(cookie)).status).toBe(200);
      expect(lookups.mock.calls).toEqual(Array(3).fill([sha256(cookie.split('=')[1] as string)]));
    } finally {
      lookups.mockRestore();
    }
  });

  it('ends on sign-out, on the server: the same cookie sent again opens nothing', async () => {
    const cookie = await signIn((await issue('auditor')).token);
    const out = await browser(ledger, 'POST', '/pages/logout', { cookie, form: { formToken: await formTokenOf(cookie) }, headers: ownPage(ledger) });
    expect([out.status, out.location]).toEqual([303, '/pages/login']);
    expect(out.setCookies).toEqual([expect.stringMatching(/^ledger_session=;/)]);
    // A copy of the cookie kept elsewhere (another tab's jar, a stolen header) is dead too.
    expect((await page(cookie)).status).toBe(303);
    const refused = await readJson(cookie);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses a sign-out without the session’s form token (403 FORM_TOKEN_INVALID), and the session lives on', async () => {
    const cookie = await signIn((await issue('scrutiny')).token);
    for (const form of <Record<string, string>[]>[{}, { formToken: 'x'.repeat(43) }, { formToken: await formTokenOf(await signIn((await issue('scrutiny')).token)) }]) {
      const out = await browser(ledger, 'POST', '/pages/logout', { cookie, form, headers: ownPage(ledger) });
      expect(out.status).toBe(403);
      expect(out.text).toContain('FORM_TOKEN_INVALID');
    }
    expect((await page(cookie)).status).toBe(200);
  });

  it('ends when the credential that opened it is revoked', async () => {
    const { id, token } = await issue('auditor');
    const [first, second] = [await signIn(token), await signIn(token)];
    const revoked = await ledger.call('POST', `/v1/credentials/${id}/revoke`, { token: admin, body: { reason: 'Lost laptop' } });
    expect(revoked.body).toMatchObject({ revoked: true, sessionsEnded: 2 });
    for (const cookie of [first, second]) {
      const refused = await readJson(cookie);
      expect([refused.status, refused.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect((await page(cookie)).location).toBe('/pages/login?next=%2Fpages');
    }
  });

  it('ends 8 hours after sign-in however busy (absolute), with 401 SESSION_EXPIRED', async () => {
    const cookie = await signIn((await issue('scrutiny')).token);
    for (let used = 30 * MINUTE; used < 8 * HOUR; used += 30 * MINUTE) {
      later(30 * MINUTE);
      expect((await page(cookie)).status, `after ${used / MINUTE} minutes`).toBe(200);
    }
    later(30 * MINUTE);
    const refused = await readJson(cookie);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'SESSION_EXPIRED']);
  });

  it('ends after an hour unused (idle), with 401 SESSION_EXPIRED', async () => {
    const cookie = await signIn((await issue('scrutiny')).token);
    later(59 * MINUTE);
    expect((await page(cookie)).status).toBe(200);
    later(59 * MINUTE);
    expect((await page(cookie)).status).toBe(200);
    later(HOUR);
    const refused = await readJson(cookie);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'SESSION_EXPIRED']);
  });

  it('never outlives the credential that opened it', async () => {
    const { token } = await issue('auditor', '2h');
    const reply = await browser(ledger, 'POST', '/pages/login', { form: { token }, headers: ownPage(ledger) });
    expect(reply.setCookies[0]).toMatch(/; Max-Age=7200;/);
    const cookie = (reply.setCookies[0] as string).split(';')[0] as string;
    later(50 * MINUTE);
    expect((await page(cookie)).status).toBe(200);
    later(50 * MINUTE);
    expect((await page(cookie)).status).toBe(200);
    later(20 * MINUTE);
    expect((await readJson(cookie)).body.error.code).toBe('SESSION_EXPIRED');
  });

  it('says at sign-in why a token is refused: revoked or expired, on a 401 page', async () => {
    const revoked = await issue('scrutiny');
    await ledger.call('POST', `/v1/credentials/${revoked.id}/revoke`, { token: admin, body: {} });
    const expired = await issue('scrutiny', '1h');
    later(HOUR);
    for (const [token, code] of [[revoked.token, 'CREDENTIAL_REVOKED'], [expired.token, 'CREDENTIAL_EXPIRED']] as const) {
      const reply = await browser(ledger, 'POST', '/pages/login', { form: { token }, headers: ownPage(ledger) });
      expect(reply.status).toBe(401);
      expect(reply.text).toContain(code);
      expect(reply.setCookies).toEqual([]);
    }
  });
});

describe('signing in and out from another site', () => {
  const foreign: [string, Record<string, string>][] = [
    ['a foreign Origin', { origin: 'https://attacker.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { origin: 'https://pages.attacker.example', 'sec-fetch-site': 'same-site' }],
  ];

  it.each(foreign)('refuses a sign-in form posted with %s: 403 CROSS_SITE_REQUEST, no session', async (_name, headers) => {
    const { token } = await issue('scrutiny');
    const reply = await browser(ledger, 'POST', '/pages/login', { form: { token }, headers });
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('CROSS_SITE_REQUEST');
    expect(reply.setCookies).toEqual([]);
  });

  it.each(foreign)('refuses a sign-out posted with %s, even with the form token: the session lives on', async (_name, headers) => {
    const cookie = await signIn((await issue('scrutiny')).token);
    const reply = await browser(ledger, 'POST', '/pages/logout', { cookie, form: { formToken: await formTokenOf(cookie) }, headers });
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('CROSS_SITE_REQUEST');
    expect((await page(cookie)).status).toBe(200);
  });

  it('signs in from its own page: its Origin, or Sec-Fetch-Site: same-origin whatever Origin says, or neither header (not a browser)', async () => {
    const { token } = await issue('scrutiny');
    for (const headers of <Record<string, string>[]>[{ origin: ledger.url }, { origin: 'null', 'sec-fetch-site': 'same-origin' }, {}]) {
      expect((await page(await signIn(token, ledger, headers))).status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('tells browsers to send the pages’ own origin with their forms (Referrer-Policy: same-origin)', async () => {
    const reply = await fetch(`${ledger.url}/pages/login`);
    expect(reply.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe('behind a TLS proxy (TRUST_PROXY)', () => {
  const forwarded = { 'x-forwarded-proto': 'https' };

  it('makes the session cookie __Host-, Secure, Path=/, without Domain, when a trusted proxy says https', async () => {
    const proxied = await startLedger({ TRUST_PROXY: '127.0.0.1' });
    onTestFinished(() => proxied.close());
    const origin = proxied.url.replace('http:', 'https:');
    const reply = await browser(proxied, 'POST', '/pages/login', { form: { token: proxied.adminToken }, headers: { ...forwarded, origin } });
    expect(reply.status).toBe(303);
    const [cookie] = reply.setCookies as [string];
    const attributes = cookie.split('; ');
    expect(attributes[0]).toMatch(/^__Host-ledger_session=els_/);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']));
    expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);
    const session = attributes[0] as string;
    expect((await page(session, proxied, forwarded)).status).toBe(200);
    // Over https only the __Host- cookie counts: a plain one (set by a sibling subdomain, say) opens nothing.
    expect((await page(session.replace('__Host-', ''), proxied, forwarded)).status).toBe(303);
    // Over plain http on that same server, it works as before: ledger_session, not Secure.
    const plain = await browser(proxied, 'POST', '/pages/login', { form: { token: proxied.adminToken } });
    expect(plain.setCookies[0]).toMatch(/^ledger_session=els_/);
    expect(plain.setCookies[0]).not.toMatch(/Secure/);
  });

  it('believes no X-Forwarded-Proto without TRUST_PROXY: over plain http the cookie is ledger_session, not Secure, as before', async () => {
    const reply = await browser(ledger, 'POST', '/pages/login', { form: { token: admin }, headers: forwarded });
    const [cookie] = reply.setCookies as [string];
    expect(cookie).toMatch(/^ledger_session=els_/);
    expect(cookie.split('; ')).not.toContain('Secure');
    expect((await page(cookie.split(';')[0] as string)).status).toBe(200);
  });

  it('reads TRUST_PROXY as true, false, a number of hops, or proxy addresses and ranges, and refuses anything else naming it', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1,::1');
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '127.0.0.1;rm']) expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });
});
