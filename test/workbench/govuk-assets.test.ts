// GOV.UK Frontend for the browser faces, served once from /assets/govuk/: the stylesheet is what
// govuk.scss compiles to (so it cannot drift from its settings or the package), without the GDS
// Transport typeface or any font file, and nothing of the package beyond its script is reachable.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGovukCss, govukCssFile } from '../../scripts/govuk-css.mjs';
import { ledgerForThisFile } from '../api/harness.js';

const ledger = await ledgerForThisFile();

describe('GOV.UK Frontend’s assets', () => {
  it('serves the stylesheet compiled from govuk.scss, byte for byte (npm run build:govuk rebuilds it)', async () => {
    const served = await fetch(`${ledger.url}/assets/govuk/govuk.css`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/css/);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals(readFileSync(govukCssFile))).toBe(true);
    expect(bytes.equals(Buffer.from((compileGovukCss as () => string)()))).toBe(true);
    const css = bytes.toString('utf8');
    expect(css).toContain('.govuk-error-summary');
    expect(css).toContain('.govuk-date-input');
  }, 60_000);

  it('uses a system font stack: no GDS Transport, no font face, no font file served', async () => {
    const css = readFileSync(govukCssFile, 'utf8');
    expect(css).not.toMatch(/GDS Transport/i);
    expect(css).not.toContain('@font-face');
    expect(css).toContain('font-family:system-ui');
    for (const path of ['/assets/govuk/fonts/bold-b542beb274-v2.woff2', '/assets/govuk/frontend/assets/fonts/bold-b542beb274-v2.woff2', '/assets/govuk/images/govuk-crest.svg']) {
      expect((await fetch(`${ledger.url}${path}`)).status, path).toBe(404);
    }
  });

  it('serves govuk-frontend’s ES module and the script that starts it, and nothing else of the package', async () => {
    const module = await fetch(`${ledger.url}/assets/govuk/frontend/govuk-frontend.min.js`);
    expect([module.status, (await module.text()).includes('initAll')]).toEqual([200, true]);
    expect((await fetch(`${ledger.url}/assets/govuk/init.js`)).status).toBe(200);
    for (const path of ['/assets/govuk/frontend/all.bundle.js', '/assets/govuk/frontend/index.scss', '/assets/govuk/govuk.scss', '/assets/govuk/frontend/../../package.json']) {
      expect((await fetch(`${ledger.url}${path}`)).status, path).toBe(404);
    }
  });
});
