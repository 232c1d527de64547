// The verifier module in a real browser (Debian's Chromium through playwright-core), against a
// running ledger holding the demo data: the page imports /v1/integrity/verifier.js, fetches the
// public key, the signed tree head and an inclusion proof, and checks an event as published,
// with nothing but WebCrypto. A forged event, proof or tree head must be refused there too.

import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { published, type PublishedEvent } from '../../src/audit/bundle/proof-file.js';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { startLedger, type Harness } from '../api/harness.js';
import { CHROMIUM, launchChromium } from '../web/browser.js';

vi.setConfig({ testTimeout: 45_000 });

const chromium = existsSync(CHROMIUM);
if (!chromium) {
  if (process.env.REQUIRE_BROWSER) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
  console.warn(`verifier-browser.test.ts skipped: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`);
}

let ledger: Harness;
let browser: Browser;
let page: Page;
let auditor: string;
let decision: PublishedEvent;

beforeAll(async () => {
  if (!chromium) return;
  [ledger, browser] = await Promise.all([startLedger(), launchChromium()]);
  await loadDemo(ledger.app.ledger, seedDemo);
  expect(await ledger.call('POST', '/v1/integrity/checkpoints', { token: ledger.adminToken })).toMatchObject({ status: 201 });
  auditor = await ledger.tokenFor('auditor');
  const events = await ledger.app.store.readAll({ types: ['DecisionRecorded'], maxCount: 1 });
  decision = published(events[0]!);
  page = await browser.newPage();
  // A page of the ledger's origin, as the public site's page will be.
  await page.goto(`${ledger.url}/health`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await ledger?.close();
});

interface PageAnswer {
  ok: boolean;
  reason?: string;
  position?: number;
  size?: number;
}

/** Runs in the page: a string, so no bundler rewrites its import(); the ledger's own routes give everything but the event. */
function checkInPage(event: unknown, options: { flipProof?: boolean; otherHead?: boolean } = {}): Promise<PageAnswer> {
  return page.evaluate(`(async () => {
    const verifier = await import('/v1/integrity/verifier.js');
    const key = await (await fetch('/v1/integrity/public-key')).json();
    let treeHead = await (await fetch('/v1/integrity/tree-head')).text();
    const event = ${JSON.stringify(event)};
    const proof = await (await fetch('/v1/integrity/proofs/inclusion?position=' + event.position, { headers: { authorization: 'Bearer ${auditor}' } })).json();
    if (${Boolean(options.flipProof)}) proof.proof[0] = (proof.proof[0][0] === 'A' ? 'B' : 'A') + proof.proof[0].slice(1);
    if (${Boolean(options.otherHead)}) treeHead = treeHead.replace(/\\n(\\d+)\\n/, (_, n) => '\\n' + (Number(n) + 1) + '\\n');
    return verifier.verifyEvent({ treeHead, publicKey: key.raw, origin: key.origin, event, proof });
  })()`);
}

describe.skipIf(!chromium)('the verifier module in Chromium', () => {
  it('verifies a decision, as published, against the ledger’s signed tree head and published key', async () => {
    const answer = await checkInPage(decision);

    expect(answer).toMatchObject({ ok: true, position: decision.position });
    const head = (await ledger.call('GET', '/v1/integrity/tree-head')).body as string;
    expect(answer.size).toBe(Number(head.split('\n')[1]));
  });

  it('runs on WebCrypto alone: no Node in the page', async () => {
    expect(await page.evaluate('typeof process === "undefined" && typeof require === "undefined" && typeof crypto.subtle.verify === "function"')).toBe(true);
  });

  it('says no for the decision with one word changed', async () => {
    const forged = { ...decision, data: { ...(decision.data as object), title: `${(decision.data as { title: string }).title}!` } };
    expect(await checkInPage(forged)).toMatchObject({ ok: false, reason: expect.stringMatching(/another root/) });
  });

  it('says no for a proof with one hash altered, and for a tree head whose size was edited', async () => {
    expect(await checkInPage(decision, { flipProof: true })).toMatchObject({ ok: false });
    expect(await checkInPage(decision, { otherHead: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
  });
});
