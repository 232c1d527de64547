// A ledger with the workbench, signing in through a real OpenID Connect provider on localhost
// (./identity-provider.ts): two organisations, a housing officer of each mapped by subject, and
// helpers to sign in through Chromium or with an officer token, and to send the workbench's forms.

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { startLedger, type Harness } from '../api/harness.js';
import { CLIENT_ID, CLIENT_SECRET, startIdentityProvider, type IdentityProvider, type TestAccount } from './identity-provider.js';

export const HALTON = 'halton-council';
export const POLICE = 'cheshire-police';

/** The housing officer of the journey, a police officer, someone nobody mapped, and one known by e-mail only. */
export const accounts: TestAccount[] = [
  { sub: 'jo-housing', email: 'jo.housing@halton.example', emailVerified: true },
  { sub: 'sam-police', email: 'sam@police.example', emailVerified: true },
  { sub: 'nobody-mapped', email: 'nobody@elsewhere.example', emailVerified: true },
  { sub: 'ali-by-email', email: 'Ali.Unverified@halton.example', emailVerified: false },
  { sub: 'kim-by-email', email: 'Kim@Halton.example', emailVerified: true },
];

export interface WorkbenchLedger extends Harness {
  provider: IdentityProvider;
  /** The actor an account of the provider acts as in the ledger. */
  actorOf(sub: string): string;
  close(): Promise<void>;
}

export async function startWorkbenchLedger(env: Record<string, string> = {}): Promise<WorkbenchLedger> {
  const provider = await startIdentityProvider(accounts);
  const ledger = await startLedger({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, ADMIN_CONTACT: 'the Partnership Support Team (support@partnership.example)', ...env });
  provider.serve(`${ledger.url}/workbench/sign-in/callback`);
  for (const [organisationId, name, kind] of [
    [HALTON, 'Halton Borough Council', 'council_service'],
    [POLICE, 'Cheshire Police', 'police'],
  ]) {
    const registered = await ledger.call('POST', '/v1/organisations', { token: ledger.adminToken, body: { organisationId, name, kind } });
    if (registered.status !== 201) throw new Error(`could not register ${organisationId}: ${JSON.stringify(registered.body)}`);
  }
  for (const [sub, organisationId] of [
    ['jo-housing', HALTON],
    ['sam-police', POLICE],
  ] as const) {
    const mapped = await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: sub, role: 'officer', organisationId, label: sub } });
    if (mapped.status !== 201) throw new Error(`could not map ${sub}: ${JSON.stringify(mapped.body)}`);
  }
  const host = new URL(provider.issuer).host;
  return {
    ...ledger,
    provider,
    actorOf: (sub) => `oidc:${host}:${sub}`,
    async close() {
      await ledger.close();
      await provider.close();
    },
  };
}

export async function workbenchForThisFile(env: Record<string, string> = {}): Promise<WorkbenchLedger> {
  const ledger = await startWorkbenchLedger(env);
  afterAll(() => ledger.close());
  return ledger;
}

/** Nothing but the ledger and the provider on localhost: the provider's development pages name a web font. */
export async function localOnly(context: BrowserContext): Promise<void> {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
}

/** Sign in as a provider account through the provider's own pages, from the workbench's sign-in page. */
export async function signInThroughProvider(page: Page, ledgerUrl: string, sub: string, path = '/workbench'): Promise<void> {
  await page.goto(`${ledgerUrl}${path}`);
  await page.getByRole('button', { name: 'Sign in with your identity provider' }).click();
  // The provider asks who is signing in and for consent, unless this browser is signed in there already.
  const login = page.locator('input[name="login"]');
  const consent = page.getByRole('button', { name: 'Continue' });
  // Back at the ledger: its callback, or a page after it (never the sign-in page the browser left from).
  const back = (url: URL) => url.href.startsWith(`${ledgerUrl}/`) && (url.pathname === '/workbench/sign-in/callback' || !url.pathname.startsWith('/workbench/sign-in'));
  for (let step = 0; step < 3; step++) {
    await Promise.race([login.or(consent).first().waitFor(), page.waitForURL(back)]);
    if (back(new URL(page.url()))) break;
    if (await login.isVisible()) {
      await login.fill(sub);
      await page.locator('input[name="password"]').fill('any password: the development provider checks none');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    } else await consent.click();
  }
  await page.waitForURL(back);
  await page.waitForLoadState('load');
  // Signed in: the page that sets the session moves on to the desk by itself.
  if (await page.locator('meta[http-equiv="refresh"]').count()) await page.waitForURL((url) => !url.pathname.startsWith('/workbench/sign-in'));
}

export interface WorkbenchSession {
  cookie: string;
  /** GET a workbench page as the browser would. */
  get(path: string): Promise<{ status: number; location: string | null; html: string }>;
  /** Draw a form (following its redirect to a keyed URL) and send it with `fields`; the drawn form's hidden fields go with them. */
  send(formPath: string, fields: Record<string, string | string[]>, options?: { action?: string; headers?: Record<string, string> }): Promise<{ status: number; location: string | null; html: string }>;
  /** The hidden fields of a drawn form's HTML. */
  hidden(html: string): Record<string, string>;
}

/** A session opened by token sign-in (the quicker way, for tests of forms over HTTP). */
export async function officerSession(ledger: Harness, organisationId: string): Promise<WorkbenchSession> {
  const token = await ledger.tokenFor('officer', organisationId);
  const signedIn = await fetch(`${ledger.url}/workbench/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });
  if (signedIn.status !== 303) throw new Error(`token sign-in answered ${signedIn.status}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const get = async (path: string) => {
    const response = await fetch(`${ledger.url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  };
  const hidden = (html: string) => {
    const found: Record<string, string> = {};
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) found[match[1] as string] ??= match[2] as string;
    return found;
  };
  return {
    cookie,
    get,
    hidden,
    async send(formPath, fields, options = {}) {
      let drawn = await get(formPath);
      if (drawn.status === 303 && drawn.location) drawn = await get(drawn.location);
      if (drawn.status !== 200) throw new Error(`the form at ${formPath} answered ${drawn.status}: ${drawn.html.slice(0, 300)}`);
      const action = options.action ?? /<form method="post" action="([^"]+)"/.exec(drawn.html.slice(drawn.html.indexOf('<main')))?.[1];
      const body = new URLSearchParams(hidden(drawn.html));
      for (const [name, value] of Object.entries(fields)) {
        body.delete(name);
        for (const v of [value].flat()) body.append(name, v);
      }
      const response = await fetch(`${ledger.url}${action}`, {
        method: 'POST',
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url, ...options.headers },
        body,
        redirect: 'manual',
      });
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    },
  };
}

/** A date's three fields, as the form's date input names them. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { [`${name}.day`]: String(Number(day)), [`${name}.month`]: String(Number(month)), [`${name}.year`]: year };
}
