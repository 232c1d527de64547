// Every command's form, drawn from its schema: GET draws it, POST sends it.
//   /workbench/<kind>/new                 the command that starts a record (PlanActivity...)
//   /workbench/<kind>/<id>/<Command>      any other command of that record's aggregate
// A form is drawn with a key (in its URL: `?form=`, so the back button brings the same form back)
// and the ids it makes are derived from that key, so sending it twice (a double click, the back
// button) records once. A refusal draws the form again with the values kept and a new key.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.js';
import { entityId } from '../../domain/values.js';
import { ulidFactory } from '../../ledger/ids.js';
import { SubjectAlreadyErased } from '../../privacy/key-store.js';
import { changesAfter, type Change } from '../changes.js';
import { commandForms, creatingForm, type CommandForm } from '../catalogue.js';
import type { WorkbenchDeps } from '../deps.js';
import { placeIssues, placeRule, type PlacedErrors } from '../forms/errors.js';
import { postedFields, describeForm, type FlatValues } from '../forms/fields.js';
import { problemsOf } from '../forms/problems.js';
import { readForm } from '../forms/values.js';
import { officerOf, page } from '../page.js';
import { openRecord, type OpenedRecord } from '../record-access.js';
import { recordKinds, type RecordKind } from '../records.js';
import { executeCommand, formKey, recordedAnswer, submitOnce } from '../submit.js';

const newKey = ulidFactory();
const KEY = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The ids a form makes, from its key: the first is the key itself, the others the key with a suffix. */
export function mintedIds(form: Pick<CommandForm, 'mints'>, key: string): Record<string, string> {
  return Object.fromEntries(form.mints.map((name, i) => [name, i === 0 ? key : `${key}-${i + 1}`]));
}

/** A fresh form key. */
export const freshKey = (): string => newKey();

/** Whether a posted value is a form key the workbench made. */
export const isFormKey = (value: unknown): value is string => typeof value === 'string' && KEY.test(value);

/** Query fields that fill a form's fields when it is first drawn (`?findingId=...` from a link). */
export function prefill(query: Record<string, unknown>): FlatValues {
  return Object.fromEntries(Object.entries(query).filter(([name, value]) => name !== 'form' && typeof value === 'string')) as FlatValues;
}

interface Drawn {
  form: CommandForm;
  record?: OpenedRecord | undefined;
  action: string;
  key: string;
  minted: Record<string, string>;
  values: FlatValues;
  revision?: number | undefined;
  placed?: PlacedErrors;
  changed?: Change[];
  rows?: Record<string, number>;
}

export function drawForm(request: FastifyRequest, reply: FastifyReply, deps: WorkbenchDeps, drawn: Drawn, status = 200) {
  const { form, record } = drawn;
  const fields = describeForm(form.json, { values: drawn.values, errors: drawn.placed?.byField ?? {}, omit: form.omit, rows: drawn.rows ?? {} });
  const problems = problemsOf(fields, drawn.placed);
  const back = record ? `/workbench/${form.kind.path}/${record.id}` : '/workbench';
  return page(
    request,
    reply,
    deps.sessions,
    'form',
    {
      title: form.title,
      caption: record ? record.title : `New ${form.kind.noun}`,
      current: form.creates ? form.kind.path : '',
      action: drawn.action,
      key: drawn.key,
      minted: drawn.minted,
      revision: drawn.revision,
      fields,
      problems,
      hasErrors: problems !== undefined,
      changed: drawn.changed ? { noun: form.kind.noun, events: drawn.changed } : undefined,
      backLink: { href: back, label: record ? `Back to ${record.title}` : 'Back to your desk' },
      cancel: back,
    },
    status,
  );
}

/** A repeated fieldset asked to grow ("Add another"): its path, and how many rows it had. */
export function rowsAsked(body: FlatValues): Record<string, number> | undefined {
  const path = typeof body._add === 'string' ? body._add : undefined;
  if (!path) return undefined;
  const indices = Object.keys(body)
    .filter((name) => name.startsWith(`${path}.`))
    .map((name) => Number(name.slice(path.length + 1).split('.')[0]))
    .filter(Number.isInteger);
  return { [path]: (indices.length > 0 ? Math.max(...indices) + 1 : 1) + 1 };
}

/** The ids a posted form made (hidden fields), or new ones where they are missing or malformed. */
export function postedMints(form: Pick<CommandForm, 'mints'>, body: FlatValues): Record<string, string> {
  const fallback = mintedIds(form, newKey());
  return Object.fromEntries(
    form.mints.map((name) => {
      const given = body[`_new.${name}`];
      return [name, typeof given === 'string' && entityId.safeParse(given).success ? given : (fallback[name] as string)];
    }),
  );
}

/** Seal what the form holds in clear (a response's personal data), as the command's data. */
export async function commandData(form: CommandForm, data: Record<string, unknown>, deps: WorkbenchDeps): Promise<Record<string, unknown>> {
  try {
    return await form.toData(data, deps);
  } catch (error) {
    if (error instanceof SubjectAlreadyErased) throw new ApiError(422, 'SUBJECT_ERASED', error.message, { subjectId: error.subjectId });
    throw error;
  }
}

/** Send a drawn form: read it, run its command once for its key, and answer with the record or the form again. */
export async function sendForm(request: FastifyRequest, reply: FastifyReply, deps: WorkbenchDeps, form: CommandForm, record: OpenedRecord | undefined, action: string) {
  const officer = officerOf(request);
  const body = postedFields(request.body);
  const key = isFormKey(body._key) ? body._key : newKey();
  const minted = postedMints(form, body);
  const posted = record ? Number(body._revision) : undefined;
  const revision = posted !== undefined && Number.isInteger(posted) && posted >= 0 ? posted : record?.revision;
  const again = (extra: Partial<Drawn>, status: number) =>
    drawForm(request, reply, deps, { form, record, action, key: newKey(), minted, values: body, revision, ...extra }, status);

  const rows = rowsAsked(body);
  if (rows) return drawForm(request, reply, deps, { form, record, action, key, minted, values: body, revision, rows });

  const { data, problems } = readForm(form.json, body, form.omit);
  Object.assign(data, minted);
  if (record) data[form.kind.idField] = record.id;
  if (Object.keys(problems).length > 0) return again({ placed: { byField: problems, general: [] } }, 400);

  const recordId = String(data[form.kind.idField] ?? '');
  const outcome = await submitOnce(
    deps,
    formKey(officer, key, { command: form.command, data, revision }),
    async (receipt, answer) => executeCommand(deps.ledger, officer, { type: form.command, data: await commandData(form, data, deps) }, revision)(receipt, answer),
    (result) => recordedAnswer(form.kind.path, recordId, form.command, result),
  );
  const fields = describeForm(form.json, { values: body, omit: form.omit });
  switch (outcome.kind) {
    case 'recorded': {
      const { path, recordId: id, command } = outcome.answer;
      return reply.redirect(`/workbench/${path}/${id}?${new URLSearchParams({ recorded: command, ...(outcome.replayed ? { again: '1' } : {}) })}`, 303);
    }
    case 'invalid':
      return again({ placed: placeIssues(fields, outcome.issues) }, 400);
    case 'conflict': {
      const fresh = record ? await openRecord(deps.store, form.kind, record.id, officer) : undefined;
      const changed = fresh ? changesAfter(fresh.recorded, revision ?? -1, form.kind.idField) : [];
      return again({ record: fresh, revision: fresh?.revision, changed }, 409);
    }
    case 'refused':
      return again({ placed: placeRule(fields, `${outcome.message} (${outcome.code})`, outcome.details) }, outcome.code === 'OTHER_ORGANISATION' ? 403 : 422);
  }
}

/** GET without a key: the same form with one, so the back button returns to this very form. */
export function withKey(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (isFormKey(query.form)) return undefined;
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'form'));
  params.set('form', newKey());
  return reply.redirect(`${request.url.split('?')[0]}?${params}`, 303);
}

export const OFFICERS = { roles: ['officer'] as const };

function formOf(kind: RecordKind, command: string): CommandForm {
  const form = commandForms.get(command);
  if (!form || form.kind !== kind || form.creates) throw new ApiError(404, 'FORM_NOT_FOUND', `a ${kind.noun} has no form ${command}`, { command });
  return form;
}

export function formPages(app: FastifyInstance, deps: WorkbenchDeps, options: { creatingFormsElsewhere: ReadonlySet<string> }): void {
  for (const kind of recordKinds) {
    if (!options.creatingFormsElsewhere.has(kind.path)) {
      const form = creatingForm(kind);
      const action = `/workbench/${kind.path}/new`;
      app.get(action, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
        const redirected = withKey(request, reply);
        if (redirected) return redirected;
        const query = request.query as Record<string, string>;
        return drawForm(request, reply, deps, { form, action, key: query.form as string, minted: mintedIds(form, query.form as string), values: { ...form.start, ...prefill(query) } });
      });
      app.post(action, { config: { ...OFFICERS, browserForm: true }, schema: { hide: true } }, async (request, reply) => sendForm(request, reply, deps, form, undefined, action));
    }
    app.get(`/workbench/${kind.path}/:id/:command`, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
      const { id, command } = request.params as { id: string; command: string };
      const form = formOf(kind, command);
      const record = await openRecord(deps.store, kind, id, officerOf(request));
      const redirected = withKey(request, reply);
      if (redirected) return redirected;
      const query = request.query as Record<string, string>;
      return drawForm(request, reply, deps, {
        form,
        record,
        action: `/workbench/${kind.path}/${id}/${command}`,
        key: query.form as string,
        minted: mintedIds(form, query.form as string),
        values: { ...form.start, ...prefill(query) },
        revision: record.revision,
      });
    });
    app.post(`/workbench/${kind.path}/:id/:command`, { config: { ...OFFICERS, browserForm: true }, schema: { hide: true } }, async (request, reply) => {
      const { id, command } = request.params as { id: string; command: string };
      const form = formOf(kind, command);
      const record = await openRecord(deps.store, kind, id, officerOf(request));
      return sendForm(request, reply, deps, form, record, `/workbench/${kind.path}/${id}/${command}`);
    });
  }
}
