// Signing in to the workbench through a real OpenID Connect provider on localhost (oidc-provider)
// in Chromium: a mapped identity gets a server-side session that stands for it, an unmapped one
// is refused with a page saying whom to ask, a callback the browser did not start is refused,
// e-mail mappings match only verified addresses, and unmapping ends the session.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserTests, launchChromium } from '../web/browser.js';
import { HALTON, localOnly, signInThroughProvider, startWorkbenchLedger, type WorkbenchLedger } from './workbench-ledger.js';

vi.setConfig({ testTimeout: 60_000 });
const withBrowser = browserTests.guardFile();

let ledger: WorkbenchLedger;
let browser: Browser;

beforeAll(async () => {
  if (!withBrowser) return;
  [ledger, browser] = await Promise.all([startWorkbenchLedger(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await ledger?.close();
});

async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await localOnly(context);
  return { context, page: await context.newPage() };
}

describe('signing in with the identity provider', () => {
  it('given a mapped housing officer, opens a server-side session that stands for the identity and lands on the desk', async () => {
    const { context, page } = await freshPage();
    await signInThroughProvider(page, ledger.url, 'jo-housing');
    await page.waitForURL(`${ledger.url}/workbench`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Your desk');
    await expect(page.locator('.wb-header').innerText()).resolves.toContain(HALTON);
    const [cookie] = (await context.cookies(ledger.url)).filter((c) => c.name === 'ledger_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // The session is the server's record: no credential, the identity as its actor.
    const resolved = await ledger.app.sessions.resolve((cookie as { value: string }).value);
    expect(resolved).toMatchObject({ ok: true, session: { actorId: ledger.actorOf('jo-housing'), role: 'officer', organisationId: HALTON, credentialId: null } });
    // The round trip's cookie is gone once it is used.
    expect((await context.cookies(ledger.url)).map((c) => c.name)).not.toContain('ledger_oidc');
    const [mapping] = (await ledger.app.identities.list()).filter((m) => m.value === 'jo-housing');
    expect(mapping?.lastSignInAt).not.toBeNull();
    await context.close();
  });

  it('given an identity nobody mapped, refuses it with a page that says whom to ask, and opens no session', async () => {
    const { context, page } = await freshPage();
    await signInThroughProvider(page, ledger.url, 'nobody-mapped');
    await expect(page.locator('h1').innerText()).resolves.toBe('You cannot use the workbench yet');
    const text = await page.locator('main').innerText();
    expect(text).toContain('the Partnership Support Team (support@partnership.example)');
    expect(text).toContain('nobody-mapped');
    expect(text).toContain('ledger identity map --subject nobody-mapped');
    expect((await context.cookies(ledger.url)).filter((c) => c.name === 'ledger_session')).toEqual([]);
    const response = await page.goto(`${ledger.url}/workbench`);
    expect(new URL(page.url()).pathname).toBe('/workbench/sign-in');
    expect(response?.status()).toBe(200);
    await context.close();
  });

  it('refuses a callback this browser did not start (no round-trip cookie, or one already used)', async () => {
    const { context, page } = await freshPage();
    const response = await page.goto(`${ledger.url}/workbench/sign-in/callback?code=forged&state=forged`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('was not started here');
    expect((await context.cookies(ledger.url)).filter((c) => c.name === 'ledger_session')).toEqual([]);
    await context.close();
  });

  it('refuses a callback whose state is not the one sent, though the browser started a sign-in', async () => {
    const { context, page } = await freshPage();
    // Start a sign-in (the round-trip cookie is set), then come back with another state.
    const start = await page.request.get(`${ledger.url}/workbench/sign-in/provider`, { maxRedirects: 0 });
    expect(start.status()).toBe(303);
    const sentTo = new URL(start.headers().location as string);
    expect(sentTo.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sentTo.searchParams.get('nonce')).toBeTruthy();
    const response = await page.goto(`${ledger.url}/workbench/sign-in/callback?code=whatever&state=not-the-state-sent&iss=${encodeURIComponent(ledger.provider.issuer)}`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/could not be completed/);
    expect((await context.cookies(ledger.url)).filter((c) => c.name === 'ledger_session')).toEqual([]);
    await context.close();
  });

  it('matches a mapping by e-mail only when the provider says the address is verified, whatever its case', async () => {
    for (const email of ['ali.unverified@halton.example', 'kim@halton.example']) {
      expect((await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { email, role: 'officer', organisationId: HALTON } })).status).toBe(201);
    }
    const unverified = await freshPage();
    await signInThroughProvider(unverified.page, ledger.url, 'ali-by-email');
    await expect(unverified.page.locator('h1').innerText()).resolves.toBe('You cannot use the workbench yet');
    await unverified.context.close();
    const verified = await freshPage();
    await signInThroughProvider(verified.page, ledger.url, 'kim-by-email');
    await verified.page.waitForURL(`${ledger.url}/workbench`);
    // Who signed in is the identity (its subject), not the address that let it in.
    const [cookie] = (await verified.context.cookies(ledger.url)).filter((c) => c.name === 'ledger_session');
    await expect(ledger.app.sessions.resolve((cookie as { value: string }).value)).resolves.toMatchObject({ ok: true, session: { actorId: ledger.actorOf('kim-by-email') } });
    await verified.context.close();
  });

  it('ends the sessions of an identity when its mapping is removed, and refuses its next sign-in', async () => {
    const { context, page } = await freshPage();
    expect((await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'sam-police-2', role: 'officer', organisationId: HALTON } })).status).toBe(201);
    await signInThroughProvider(page, ledger.url, 'jo-housing');
    await page.waitForURL(`${ledger.url}/workbench`);
    const [mapping] = (await ledger.app.identities.list()).filter((m) => m.value === 'jo-housing');
    const unmapped = await ledger.call('POST', `/v1/identities/${mapping?.id}/unmap`, { token: ledger.adminToken });
    expect(unmapped.status).toBe(200);
    expect(unmapped.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    await page.goto(`${ledger.url}/workbench`);
    expect(new URL(page.url()).pathname).toBe('/workbench/sign-in');
    await signInThroughProvider(page, ledger.url, 'jo-housing');
    await expect(page.locator('h1').innerText()).resolves.toBe('You cannot use the workbench yet');
    // Mapped again, for the other tests of the file.
    expect((await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'jo-housing', role: 'officer', organisationId: HALTON } })).status).toBe(201);
    await context.close();
  });
});
