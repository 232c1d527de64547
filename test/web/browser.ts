// One Chromium for a browser test file (Debian's, at /usr/bin/chromium), axe-core injected into
// pages, and screenshots under test-output/screenshots/. Without that Chromium the browser
// tests are skipped with a line saying how to run them; REQUIRE_BROWSER=1 (CI) fails them.

import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { service } from '../support/service.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${CHROMIUM}`;
  }
}

/** The browser tests' Chromium: call `guardFile()` at the top of a browser test file. */
export const browserTests = service({
  name: 'browser',
  requiredBy: 'REQUIRE_BROWSER',
  missing: chromiumMissing(),
  howToRun: 'install Debian’s chromium (`apt-get install chromium`) or set CHROMIUM_PATH to one',
});

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

const axeSource = readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** WCAG 2.1 A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A and AA rules, and best practice). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated rather than added as a <script>: the pages' CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(axeSource);
  // A string, run in the page: axe exists there, not in this process.
  const violations: AxeViolation[] = await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const SCREENSHOTS = join('test-output', 'screenshots');

export async function screenshot(page: Page, name: string, also?: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The viewport only: a full-page shot of a long table costs seconds and shows nothing more.
  const buffer = await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  if (also) {
    mkdirSync(dirname(also), { recursive: true });
    writeFileSync(also, buffer);
  }
}
