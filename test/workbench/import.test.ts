// Survey responses from a spreadsheet, over HTTP as a browser sends them: uploaded as CSV or
// XLSX, columns matched with a preview and every row's problems before anything is recorded,
// then recorded in idempotent batches of the ledger's largest with progress shown, personal
// data sealed as the API seals it; bounded, with a clear refusal for each bound.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FEEDBACK_BATCH } from '../../src/domain/aggregates/activity.js';
import { isSealed } from '../../src/domain/personal-data.js';
import { respondentName, responseText, surveyCsv, surveyTable, surveyWorkbook, zipClaiming } from './spreadsheets.js';
import { HALTON, officerSession, workbenchForThisFile } from './workbench-ledger.js';

const ledger = await workbenchForThisFile({ RATE_LIMIT_PER_MINUTE: '100000' });
const jo = await officerSession(ledger, HALTON);
const token = await ledger.tokenFor('officer', HALTON);

async function openActivity(): Promise<string> {
  const planned = await ledger.call('POST', '/v1/activities', { token, body: { title: 'Estate survey', category: 'consultation', method: 'survey', window: { opens: '2026-01-05', closes: '2026-02-27' } } });
  const activityId = planned.body.createdId as string;
  expect((await ledger.call('POST', `/v1/activities/${activityId}/open`, { token, body: { openedOn: '2026-01-05' } })).status).toBe(200);
  return activityId;
}

const formToken = async () => jo.hidden((await jo.get('/workbench')).html).formToken as string;

async function upload(activityId: string, fileName: string, data: Buffer): Promise<{ status: number; location: string | null; html: string }> {
  const form = new FormData();
  form.append('formToken', await formToken());
  form.append('file', new Blob([data]), fileName);
  const response = await fetch(`${ledger.url}/workbench/activities/${activityId}/import`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', origin: ledger.url }, body: form, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** The mapping form's choices as the page drew them (its guesses), with `changes` over them. */
function choicesOn(html: string, changes: Record<string, string> = {}): Record<string, string> {
  const choices: Record<string, string> = {};
  for (const [, name, body] of html.matchAll(/<select class="govuk-select" id="[^"]+" name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    choices[name as string] = /<option value="([^"]*)" selected>/.exec(body as string)?.[1] ?? '';
  }
  return { ...choices, ...changes };
}

async function sendMapping(location: string, choices: Record<string, string>, action: 'preview' | 'record') {
  const body = new URLSearchParams({ formToken: await formToken(), ...choices, action });
  const response = await fetch(`${ledger.url}${location}`, { method: 'POST', headers: { cookie: jo.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: ledger.url }, body, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** Follow the progress page until the import has finished; its last text. */
async function finished(progress: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const page = await jo.get(progress);
    if (!page.html.includes('http-equiv="refresh"')) return page.html;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the import did not finish');
}

const feedbackOf = async (activityId: string) => (await ledger.app.store.readStream(`activity-${activityId}`)).filter((e) => e.type === 'FeedbackReceived');

describe('importing survey responses from a spreadsheet', () => {
  it('given an XLSX of 500 responses with a respondent-name column: guesses the columns, previews the first rows, records all in one batch, sealing names and their texts', async () => {
    const activityId = await openActivity();
    const uploaded = await upload(activityId, 'survey-export.xlsx', await surveyWorkbook({ count: 500, names: true }));
    expect(uploaded.status).toBe(303);
    const mapping = await jo.get(uploaded.location as string);
    expect(mapping.html).toContain('500 rows under the header: <strong>500 ready to record</strong>, <strong>0 with problems</strong>');
    const choices = choicesOn(mapping.html);
    const columns = surveyTable({ count: 0, names: true })[0] as string[];
    expect(choices).toMatchObject({ 'map.text': String(columns.indexOf('What would you change?')), 'map.name': String(columns.indexOf('Respondent name')), 'map.contact': String(columns.indexOf('Email')), 'map.receivedOn': '0' });
    // The preview shows rows 2 to 11, as they will be recorded.
    expect(mapping.html).toContain('Rows 2 to 11 of the spreadsheet');
    expect(mapping.html).toContain(respondentName(10));
    expect(mapping.html).not.toContain(respondentName(11));

    const before = await ledger.app.store.headPosition();
    const recording = await sendMapping(uploaded.location as string, choices, 'record');
    expect(recording.status).toBe(303);
    expect(await finished(recording.location as string)).toContain('Recorded <strong>500 responses</strong> in 1 batch');
    const events = await feedbackOf(activityId);
    expect(events).toHaveLength(500);
    // One batch: one append, one correlation.
    expect(new Set(events.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(Math.min(...events.map((e) => e.position))).toBe(before + 1);
    for (const event of events) {
      const data = event.data as { respondent?: unknown; text: unknown; receivedOn: string };
      expect(isSealed(data.respondent)).toBe(true);
      expect(isSealed(data.text)).toBe(true);
      expect(data.receivedOn).toBe('2026-01-20');
    }
    // No name, address or text is in the log in clear.
    const log = readFileSync(join(ledger.app.config.DATA_DIR, 'ledger.db'));
    for (const clear of [respondentName(1), respondentName(500), 'person1@example.org', responseText(1)]) expect(log.includes(Buffer.from(clear))).toBe(false);
    // The officer of the organisation that recorded them reads them back, through the API.
    const history = await ledger.call('GET', `/v1/activities/${activityId}/events`, { token });
    const names = (history.body.events as { type: string; data: { respondent?: { name?: string } } }[]).filter((e) => e.type === 'FeedbackReceived').map((e) => e.data.respondent?.name);
    expect(names).toContain(respondentName(1));
  });

  it('given rows with problems, lists each with its row number and records nothing while any remain', async () => {
    const activityId = await openActivity();
    const table = surveyTable({ count: 4 });
    (table[2] as string[])[0] = '31/02/2026';
    (table[3] as string[])[1] = '';
    (table[4] as string[])[0] = '01/01/2026';
    const uploaded = await upload(activityId, 'paper-forms.csv', surveyCsv(table));
    const mapping = await jo.get(uploaded.location as string);
    expect(mapping.html).toContain('<strong>2 ready to record</strong>, <strong>2 with problems</strong>');
    expect(mapping.html).toContain('Row 3: date received: “31/02/2026” is not a date');
    expect(mapping.html).toContain('Row 4: text: missing');
    const before = await ledger.app.store.headPosition();
    const refused = await sendMapping(uploaded.location as string, choicesOn(mapping.html), 'record');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('2 rows have problems (listed below). Nothing was recorded');
    expect(await ledger.app.store.headPosition()).toBe(before);
    // A row the activity itself refuses (received before it opened) stops the import before any batch.
    table.splice(2, 2);
    const fixed = await upload(activityId, 'paper-forms-fixed.csv', surveyCsv(table));
    const remapped = await jo.get(fixed.location as string);
    const recording = await sendMapping(fixed.location as string, choicesOn(remapped.html), 'record');
    const done = await finished(recording.location as string);
    expect(done).toContain('ACTIVITY_NOT_OPENED');
    expect(done).toContain('Nothing was recorded');
    expect(await ledger.app.store.headPosition()).toBe(before);
  });

  it('records more than one batch’s worth in batches of the ledger’s largest, and the same file sent again records nothing twice', async () => {
    const activityId = await openActivity();
    const file = surveyCsv({ count: MAX_FEEDBACK_BATCH + 1 });
    const first = await upload(activityId, 'big.csv', file);
    const recording = await sendMapping(first.location as string, choicesOn((await jo.get(first.location as string)).html), 'record');
    expect(await finished(recording.location as string)).toContain(`Recorded <strong>${(MAX_FEEDBACK_BATCH + 1).toLocaleString('en-GB')} responses</strong> in 2 batches`);
    const events = await feedbackOf(activityId);
    expect(events).toHaveLength(MAX_FEEDBACK_BATCH + 1);
    expect(new Set(events.map((e) => e.metadata.correlationId)).size).toBe(2);

    const again = await upload(activityId, 'big (copy).csv', file);
    const repeated = await sendMapping(again.location as string, choicesOn((await jo.get(again.location as string)).html), 'record');
    const said = await finished(repeated.location as string);
    expect(said).toContain(`${(MAX_FEEDBACK_BATCH + 1).toLocaleString('en-GB')} had been recorded before from this same file and were not recorded again`);
    expect(await feedbackOf(activityId)).toHaveLength(MAX_FEEDBACK_BATCH + 1);
  });

  it('refuses what it cannot take, saying why: another file type, too many rows, a workbook that would unpack too large, an empty file', async () => {
    const activityId = await openActivity();
    const before = await ledger.app.store.headPosition();
    const type = await upload(activityId, 'notes.docx', Buffer.from('not a spreadsheet'));
    expect([type.status, type.html.includes('upload a CSV file (.csv) or an Excel workbook (.xlsx)')]).toEqual([415, true]);
    const rows = await upload(activityId, 'huge.csv', surveyCsv({ count: 50_001 }));
    expect([rows.status, rows.html.includes('one import takes at most 50,000: split it')]).toEqual([413, true]);
    const bomb = await upload(activityId, 'bomb.xlsx', zipClaiming(0xfffffffe));
    expect([bomb.status, bomb.html.includes('would unpack to 4096 MB, more than the 200 MB')]).toEqual([413, true]);
    const empty = await upload(activityId, 'empty.csv', Buffer.from('What would you change?\r\n'));
    expect([empty.status, empty.html.includes('a header row and no responses under it')]).toEqual([400, true]);
    const tooBig = await upload(activityId, 'enormous.csv', Buffer.alloc(8 * 1024 * 1024 + 1, 'a'));
    expect(tooBig.status).toBe(413);
    expect(await ledger.app.store.headPosition()).toBe(before);
  });
});
