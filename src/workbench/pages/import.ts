// Survey responses from a spreadsheet, to one activity, in three steps:
//   1. upload a CSV or XLSX export                 /workbench/activities/<id>/import
//   2. map its columns to a response's fields, with a preview of the first rows and every row's
//      problems, before anything is recorded      .../import/<upload>
//   3. record every row, in idempotent batches, with progress shown   .../import/<upload>/progress
// Personal-data columns (name, contact, postcode) are sealed as the API seals them.

import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { feedbackKinds } from '../../domain/events/activity.js';
import { ApiError } from '../../http/errors.js';
import type { WorkbenchDeps } from '../deps.js';
import { postedFields } from '../forms/fields.js';
import { words } from '../forms/labels.js';
import { officerOf, page } from '../page.js';
import { openRecord, type OpenedRecord } from '../record-access.js';
import { recordKind } from '../records.js';
import { buildResponses, guessMapping, sheetDate, targets, type ImportDefaults, type Mapping } from '../import/mapping.js';
import { recordImport } from '../import/record.js';
import { MAX_IMPORT_ROWS, readSheet, SheetRefused } from '../import/sheet.js';
import { StagingFull, UploadStaging, type StagedUpload } from '../import/staging.js';
import { OFFICERS } from './forms.js';

/** The largest spreadsheet one upload takes. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
const PREVIEW_ROWS = 10;
/** The form that takes a file. */
export const UPLOAD_ROUTE = '/workbench/activities/:id/import';
const PROBLEMS_SHOWN = 100;

interface Multipart {
  file?: { type: 'file'; filename: string; toBuffer(): Promise<Buffer> };
}

const fieldOf = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const inner = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
  return typeof inner === 'string' ? inner : undefined;
};

/** The mapping and defaults chosen on the mapping form. */
function chosen(body: Record<string, unknown>, staged: StagedUpload): { mapping: Mapping; defaults: ImportDefaults; receivedOn: { day: string; month: string; year: string } } {
  const mapping: Mapping = {};
  for (const target of targets) {
    const value = fieldOf(body, `map.${target.key}`);
    const index = value === undefined || value === '' ? undefined : Number(value);
    if (index !== undefined && Number.isInteger(index) && index >= 0 && index < staged.sheet.columns.length) mapping[target.key] = index;
  }
  const kind = feedbackKinds.find((k) => k === fieldOf(body, 'kind')) ?? 'response';
  const receivedOn = { day: fieldOf(body, 'receivedOn.day') ?? '', month: fieldOf(body, 'receivedOn.month') ?? '', year: fieldOf(body, 'receivedOn.year') ?? '' };
  const date = receivedOn.year ? sheetDate(`${receivedOn.year}-${receivedOn.month.padStart(2, '0')}-${receivedOn.day.padStart(2, '0')}`) : undefined;
  return { mapping, defaults: { kind, ...(date ? { receivedOn: date } : {}), personalText: fieldOf(body, 'personalText') === 'true' }, receivedOn };
}

export async function importPages(app: FastifyInstance, deps: WorkbenchDeps): Promise<void> {
  const kind = recordKind('activities');
  if (!kind) throw new Error('the workbench has no activities');
  const staging = new UploadStaging();
  const base = UPLOAD_ROUTE;

  const open = (request: FastifyRequest) => openRecord(deps.store, kind, (request.params as { id: string }).id, officerOf(request));
  const stagedFor = (request: FastifyRequest, record: OpenedRecord): StagedUpload => {
    const staged = staging.find((request.params as { upload: string }).upload, officerOf(request).id, record.id);
    if (!staged) throw new ApiError(404, 'UPLOAD_NOT_FOUND', 'this upload is not here any more (uploads are kept for 30 minutes): upload the file again');
    return staged;
  };
  const uploadPage = (request: FastifyRequest, reply: FastifyReply, record: OpenedRecord, status = 200, error?: string) =>
    page(
      request,
      reply,
      deps.sessions,
      'import-upload',
      { title: 'Import responses from a spreadsheet', record, error, hasErrors: Boolean(error), maxRows: MAX_IMPORT_ROWS.toLocaleString('en-GB'), maxMegabytes: MAX_UPLOAD_BYTES / 1_048_576, backLink: { href: `/workbench/activities/${record.id}`, label: `Back to ${record.title}` } },
      status,
    );

  function mappingPage(request: FastifyRequest, reply: FastifyReply, record: OpenedRecord, staged: StagedUpload, body: Record<string, unknown> | undefined, status = 200, refusal?: string) {
    const picked = body ? chosen(body, staged) : { mapping: guessMapping(staged.sheet), defaults: { kind: 'response' as const, personalText: false }, receivedOn: { day: '', month: '', year: '' } };
    const built = buildResponses(staged.sheet, picked.mapping, picked.defaults, `imp-${staged.fileHash.slice(0, 20)}`);
    const rows = staged.sheet.rows.slice(0, PREVIEW_ROWS).map((row, i) => {
      const rowNumber = i + 2;
      const cells = targets.map((t) => (picked.mapping[t.key] === undefined ? '' : (row[picked.mapping[t.key] as number] ?? '')));
      return { rowNumber, cells, problems: built.problems.find((p) => p.row === rowNumber)?.messages ?? [] };
    });
    const noText = picked.mapping.text === undefined;
    return page(
      request,
      reply,
      deps.sessions,
      'import-map',
      {
        title: 'Match the columns to responses',
        record,
        staged,
        action: `/workbench/activities/${record.id}/import/${staged.id}`,
        targets: targets.map((t) => ({ key: t.key, label: t.label, required: 'required' in t, column: picked.mapping[t.key] })),
        kinds: feedbackKinds.map((k) => ({ value: k, label: words(k) })),
        defaults: picked.defaults,
        receivedOn: picked.receivedOn,
        rows,
        total: staged.sheet.rows.length,
        ready: built.responses.length,
        problems: built.problems.slice(0, PROBLEMS_SHOWN),
        problemCount: built.problems.length,
        noText,
        refusal,
        hasErrors: Boolean(refusal),
        backLink: { href: `/workbench/activities/${record.id}/import`, label: 'Upload another file' },
      },
      status,
    );
  }

  app.get(base, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => uploadPage(request, reply, await open(request)));

  // The one form that takes a file: the multipart parser is registered for it alone (one file,
  // bounded; held in memory until read), so every other form refuses multipart bodies (415).
  await app.register(async (uploads) => {
    await uploads.register(multipart, { attachFieldsToBody: true, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 10, parts: 12 } });
    uploads.post(base, { config: { ...OFFICERS, browserForm: true }, schema: { hide: true } }, async (request, reply) => {
      const record = await open(request);
      const file = (request.body as Multipart | undefined)?.file;
      if (!file || file.type !== 'file') return uploadPage(request, reply, record, 400, 'Choose a CSV or XLSX file to upload.');
      const data = await file.toBuffer();
      if (data.length === 0) return uploadPage(request, reply, record, 400, 'The file is empty.');
      try {
        const sheet = await readSheet(file.filename, data);
        const fileHash = createHash('sha256').update(`${record.id}\n`).update(data).digest('hex');
        const staged = staging.stage({ actorId: officerOf(request).id, activityId: record.id, fileName: file.filename, fileHash, sheet });
        return reply.redirect(`/workbench/activities/${record.id}/import/${staged.id}`, 303);
      } catch (error) {
        if (error instanceof SheetRefused) return uploadPage(request, reply, record, error.code === 'SPREADSHEET_TYPE' ? 415 : error.code === 'TOO_MANY_ROWS' || error.code === 'SPREADSHEET_TOO_LARGE' ? 413 : 400, `${error.message}.`);
        if (error instanceof StagingFull) return uploadPage(request, reply, record, 429, `${error.message}.`);
        throw error;
      }
    });
  });

  app.get(`${base}/:upload`, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
    const record = await open(request);
    const staged = stagedFor(request, record);
    if (staged.job) return reply.redirect(`/workbench/activities/${record.id}/import/${staged.id}/progress`, 303);
    return mappingPage(request, reply, record, staged, undefined);
  });

  app.post(`${base}/:upload`, { config: { ...OFFICERS, browserForm: true }, schema: { hide: true } }, async (request, reply) => {
    const record = await open(request);
    const staged = stagedFor(request, record);
    const progress = `/workbench/activities/${record.id}/import/${staged.id}/progress`;
    // Sent twice (a double click, the back button): the import already under way answers.
    if (staged.job) return reply.redirect(progress, 303);
    const body = postedFields(request.body) as Record<string, unknown>;
    if (fieldOf(body, 'action') !== 'record') return mappingPage(request, reply, record, staged, body);
    const { mapping, defaults } = chosen(body, staged);
    if (mapping.text === undefined) return mappingPage(request, reply, record, staged, body, 400, 'Choose the column that holds the response text.');
    const built = buildResponses(staged.sheet, mapping, defaults, `imp-${staged.fileHash.slice(0, 20)}`);
    if (built.problems.length > 0) {
      return mappingPage(request, reply, record, staged, body, 400, `${built.problems.length.toLocaleString('en-GB')} rows have problems (listed below). Nothing was recorded: correct the file, or the choices, and try again.`);
    }
    const job = { state: 'checking' as const, total: built.responses.length, batches: 0, batchesDone: 0, recorded: 0, alreadyRecorded: 0 };
    staged.job = job;
    staging.release(staged);
    // Recorded in the background: the progress page follows it.
    void recordImport(deps, officerOf(request), record.id, staged.fileHash, built.responses, job).catch((error: unknown) => request.log.error({ err: error }, 'an import failed'));
    return reply.redirect(progress, 303);
  });

  app.get(`${base}/:upload/progress`, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
    const record = await open(request);
    const staged = stagedFor(request, record);
    if (!staged.job) return reply.redirect(`/workbench/activities/${record.id}/import/${staged.id}`, 303);
    const job = staged.job;
    const working = job.state === 'checking' || job.state === 'recording';
    return page(request, reply, deps.sessions, 'import-progress', {
      title: working ? 'Recording the responses' : job.state === 'done' ? 'Responses recorded' : 'Responses not recorded',
      record,
      staged,
      job,
      working,
      refresh: working ? `/workbench/activities/${record.id}/import/${staged.id}/progress` : undefined,
      refreshSeconds: 1,
      done: job.recorded + job.alreadyRecorded,
    });
  });
}
