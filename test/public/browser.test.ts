// The public site in a real browser (Debian's Chromium through playwright-core) on the demo ledger:
// the seeds, then what the demo publishes. A resident finds a consultation by area and topic,
// opens it and reads we asked / you said / we did, and follows the decision it fed; every page
// passes axe-core, works with JavaScript off, from the keyboard and in print; a "we did" item's
// proof verifies in the browser with the ledger's published key. The screenshot of a consultation
// page goes to test-output/screenshots/ (UPDATE_DOCS_SCREENSHOTS=1: docs/screenshots/ too).

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { publicationDemo } from '../../src/demo/publication.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { startLedger, type Harness } from '../api/harness.js';
import { browserTests, launchChromium, screenshot, seriousViolations } from '../web/browser.js';

vi.setConfig({ testTimeout: 60_000 });
const withBrowser = browserTests.guardFile();

let ledger: Harness;
let browser: Browser;
let resident: BrowserContext;
let page: Page;

const publicPages = [
  '/',
  '/consultations',
  '/consultations?area=redcar-cleveland&topic=engagement+capacity',
  '/consultations/rc-providers-workshop',
  '/consultations/rc-budget-consultation-demo',
  '/decisions',
  '/decisions/rc-partnership-board-2007-05-25',
  '/areas/redcar-cleveland',
  '/communities/service-providers',
  '/organisations/rc-coordination-team',
  '/open-data',
  '/accessibility',
  '/consultations/no-such-consultation',
];

beforeAll(async () => {
  if (!withBrowser) return;
  ledger = await startLedger({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
  await loadDemo(ledger.app.ledger, seedDemo);
  await loadDemo(ledger.app.ledger, publicationDemo(new Date().toISOString().slice(0, 10)));
  expect(await ledger.app.read.waitFor(await ledger.app.store.headPosition(), 10_000)).toBe(true);
  browser = await launchChromium();
  resident = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await resident.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await ledger?.close();
});

async function expectAccessible(p: Page): Promise<void> {
  const violations = await seriousViolations(p);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

describe('a resident', () => {
  it('finds a consultation by area and topic, opens it and reads we asked, you said and we did', async () => {
    await page.goto(`${ledger.url}/`);
    await page.getByRole('link', { name: 'Find a consultation' }).click();
    await page.getByLabel('Area').selectOption({ label: 'Redcar & Cleveland' });
    await page.getByLabel('Topic').fill('engagement capacity');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('area')).toBe('redcar-cleveland');
    const found = await page.locator('.ps-result__title').allInnerTexts();
    expect(found).toEqual(expect.arrayContaining(['Service Providers Workshop', 'Community Anchor Organisations Workshop']));
    await page.getByRole('link', { name: 'Service Providers Workshop' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').innerText()).resolves.toBe('Service Providers Workshop');
    for (const section of ['We asked', 'You said', 'We did']) await expect(page.getByRole('heading', { level: 2, name: section }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Feedback from Data Collection Interviews').isVisible()).resolves.toBe(true);
    await expect(page.getByText('The service providers’ suggestions').first().isVisible()).resolves.toBe(true);
    const weDid = page.locator('#we-did').locator('..');
    await expect(weDid.getByText('Changed the decision').first().isVisible()).resolves.toBe(true);
    await expect(weDid.locator('.ps-hash').first().innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
    // The page from "You said" on: what people said and what became of it.
    await page.evaluate('document.getElementById("you-said").scrollIntoView()');
    await screenshot(page, 'public-consultation', process.env.UPDATE_DOCS_SCREENSHOTS ? 'docs/screenshots/public-consultation.png' : undefined);
  });

  it('follows the decision it fed, and reads the Gunning check in plain words', async () => {
    await page.getByRole('link', { name: 'Community Engagement Capacity Building Plan' }).first().click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/decisions/rc-partnership-board-2007-05-25');
    await expect(page.getByText('Redcar & Cleveland Partnership Board').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('As a workshop or meeting, it is judged on the notice given: 1 days from when it was announced (2007-03-28), against a minimum of 14.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'The consultations that fed it' }).isVisible()).resolves.toBe(true);
  });

  it('checks a “we did” item’s proof in the browser against the ledger’s published key', async () => {
    expect((await ledger.call('POST', '/v1/integrity/checkpoints', { token: ledger.adminToken })).status).toBeLessThan(300);
    await page.goto(`${ledger.url}/consultations/rc-providers-workshop`);
    await page.locator('#we-did').locator('..').getByRole('link', { name: /Check the proof/ }).first().click();
    await page.waitForLoadState('load');
    await expect(page.locator('#proof-result')).toBeDefined();
    await page.locator('.ps-proof__answer').waitFor();
    await expect(page.locator('.ps-proof__answer').innerText()).resolves.toMatch(/^✓ Checked: this is the item at ledger position \d+ of the \d+ items the ledger signed\.$/);
    await expectAccessible(page);
  });
});

describe('every public page', () => {
  it('passes axe-core with no serious or critical violation', async () => {
    for (const path of publicPages) {
      await page.goto(`${ledger.url}${path}`);
      await expectAccessible(page);
    }
  });

  it('works with JavaScript off: the finder form, every page and the proof page’s explanation', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    for (const path of publicPages) {
      const reply = await p.goto(`${ledger.url}${path}`);
      expect(reply?.status(), path).toBe(path.includes('no-such') ? 404 : 200);
      await expect(p.locator('h1').isVisible()).resolves.toBe(true);
    }
    await p.goto(`${ledger.url}/consultations`);
    await p.getByLabel('Status').selectOption('open');
    await p.getByRole('button', { name: 'Apply filters' }).click();
    await p.waitForLoadState('load');
    expect(new URL(p.url()).searchParams.get('status')).toBe('open');
    await expect(p.locator('.ps-result__title').allInnerTexts()).resolves.toContain('Council budget consultation (demo)');
    await p.goto(`${ledger.url}/consultations/rc-providers-workshop`);
    const verify = (await p.locator('a[href^="/verify/"]').first().getAttribute('href')) as string;
    await p.goto(`${ledger.url}${verify}`);
    await expect(p.getByText('The check runs in your browser and needs JavaScript.').isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('is usable from the keyboard: the skip link first, then the search, with the focus visible', async () => {
    await page.goto(`${ledger.url}/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip.evaluate((a) => a === (a.ownerDocument as unknown as { activeElement: unknown }).activeElement)).resolves.toBe(true);
    const ring = await skip.evaluate((a) => {
      const style = (a.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(a);
      return { outline: style.outlineStyle, background: style.backgroundColor };
    });
    // GOV.UK Frontend's focus state: the yellow focus colour.
    expect(ring.background).toBe('rgb(255, 221, 0)');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main-content');
    for (let i = 0; i < 10 && !(await page.locator('#q').evaluate((q) => q === (q.ownerDocument as unknown as { activeElement: unknown }).activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('budget');
    await Promise.all([page.waitForURL(/\/consultations\?q=budget$/), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    await expect(page.locator('.ps-result__title').allInnerTexts()).resolves.toEqual(['Council budget consultation (demo)']);
  });

  it('prints without the navigation, the filters or the download links', async () => {
    await page.goto(`${ledger.url}/consultations`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.ps-nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.ps-filters').isVisible()).resolves.toBe(false);
    await expect(page.locator('.ps-downloads').isVisible()).resolves.toBe(false);
    await expect(page.locator('.ps-result__title').first().isVisible()).resolves.toBe(true);
    await page.goto(`${ledger.url}/consultations/rc-providers-workshop`);
    await expect(page.getByRole('heading', { level: 2, name: 'We did' }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});
