// A decision with the consultation that fed it, in one form: the decision, what it took into
// account (findings and activities of the officer's organisation, each with how it counted and
// why) and, if wished, the feedback to participants ("you said, we did"), sent as one request.
//
// All or nothing, decided before anything is appended: the decision and its influence links go
// to one stream, so the ledger decides them in turn (each link on the decision before it) and
// appends them together or not at all (Ledger.executeAll); the feedback to participants goes to
// the activity's stream, so it is decided first (Ledger.check), before the decision is appended.
// A refused citation, or feedback the activity cannot take, therefore leaves nothing behind.
// The feedback is appended after the decision, with the form's answer kept in that last
// append's transaction; should the server stop between the two appends, sending the form again
// (same key) finds the decision already recorded under the form's key (its correlation id) and
// records only the feedback.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commandDataSchema } from '../../domain/aggregates/index.js';
import type { DecisionView } from '../../projections/entities/decision-view.js';
import { activityView } from '../../projections/entities/activity-view.js';
import { toLedgerEvent, type CommandResult } from '../../ledger/command-handler.js';
import { creatingForm } from '../catalogue.js';
import type { WorkbenchDeps } from '../deps.js';
import type { PlacedErrors } from '../forms/errors.js';
import { fieldFor, friendly, placeIssues } from '../forms/errors.js';
import { postedFields, describeField, describeForm, htmlId, objectFields, several, type Field, type FlatValues } from '../forms/fields.js';
import { inputSchemaOf, without } from '../forms/json-schema.js';
import { problemsOf } from '../forms/problems.js';
import { readForm, readFormAt } from '../forms/values.js';
import { longDate, officerOf, page } from '../page.js';
import { readAll } from '../read.js';
import { recordKind } from '../records.js';
import { formKey, recordedAnswer, submitOnce } from '../submit.js';
import { freshKey, isFormKey, mintedIds, OFFICERS, postedMints, prefill, withKey } from './forms.js';

const ACTION = '/workbench/decisions/new';
/** The most activities offered as evidence: the latest to close (or still open) of the officer's organisation. */
export const MAX_CANDIDATE_ACTIVITIES = 30;

/** Something a decision may cite: a whole activity, or one live finding of it. */
export interface Candidate {
  value: string;
  activityId: string;
  findingId?: string;
  label: string;
  hint: string;
}

const linkJson = without(inputSchemaOf(commandDataSchema('LinkInfluence')), ['decisionId', 'linkId', 'source']);
const tellJson = without(inputSchemaOf(commandDataSchema('GiveFeedbackToParticipants')), ['activityId', 'decisionIds']);

/** The officer's activities that had opened, newest first, with their live findings, as things to cite. */
async function candidatesFor(deps: WorkbenchDeps, organisation: string, today: string, first?: string): Promise<{ candidates: Candidate[]; closed: { value: string; label: string }[] }> {
  const rows = (await readAll(deps.read, 'influence/activities', { organisation }, today))
    .filter((r) => r.status === 'open' || r.status === 'closed')
    .sort((a, b) => (a.activityId === first ? -1 : b.activityId === first ? 1 : String(b.closes).localeCompare(String(a.closes))))
    .slice(0, MAX_CANDIDATE_ACTIVITIES);
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const activityId = String(row.activityId);
    const runs = `${longDate(String(row.opens))} to ${longDate(String(row.closes))}`;
    candidates.push({ value: `activity:${activityId}`, activityId, label: `The whole of “${String(row.title)}”`, hint: runs });
    // Findings come from the activity's own stream: what the domain checks a citation against.
    const view = activityView((await deps.store.readStream(`activity-${activityId}`)).map(toLedgerEvent));
    for (const finding of view.findings.filter((f) => !f.withdrawn)) {
      candidates.push({ value: `finding:${activityId}:${finding.findingId}`, activityId, findingId: finding.findingId, label: `Finding “${finding.theme}”`, hint: `of “${String(row.title)}”` });
    }
  }
  const closed = rows.filter((r) => r.status === 'closed').map((r) => ({ value: String(r.activityId), label: String(r.title) }));
  return { candidates, closed };
}

interface Drawn {
  key: string;
  minted: Record<string, string>;
  values: FlatValues;
  placed?: PlacedErrors;
}


async function draw(request: FastifyRequest, reply: FastifyReply, deps: WorkbenchDeps, drawn: Drawn, status = 200) {
  const officer = officerOf(request);
  const today = new Date().toISOString().slice(0, 10);
  const form = creatingForm(recordKind('decisions') as NonNullable<ReturnType<typeof recordKind>>);
  const first = typeof drawn.values.activityId === 'string' ? drawn.values.activityId : undefined;
  const { candidates, closed } = await candidatesFor(deps, officer.organisationId as string, today, first);
  const errors = drawn.placed?.byField ?? {};
  const fields = describeForm(form.json, { values: drawn.values, errors, omit: form.omit });
  const cited = new Set(several(drawn.values.cite));
  const links = candidates.map((candidate, i) => ({
    ...candidate,
    id: i === 0 ? 'f-cite' : `f-cite-${i}`,
    checked: cited.has(candidate.value),
    fields: objectFields(`links.${i}`, linkJson, { values: drawn.values, errors }),
  }));
  const tellChosen = drawn.values.tell === 'yes';
  const tellError = errors['tell.activityId'];
  const tellActivityField: Field = {
    path: 'tell.activityId',
    id: htmlId('tell.activityId'),
    label: 'The consultation whose participants were told',
    required: true,
    ...(tellError ? { error: tellError } : {}),
    kind: 'choice',
    control: 'select',
    options: closed,
    value: typeof drawn.values['tell.activityId'] === 'string' ? drawn.values['tell.activityId'] : (closed.find((c) => c.value === first)?.value ?? ''),
  };
  const tellFields = [tellActivityField, ...objectFields('tell', tellJson, { values: drawn.values, errors })];
  const all: Field[] = [...fields, ...links.flatMap((l) => l.fields), ...tellFields];
  const problems = problemsOf(all, drawn.placed);
  return page(
    request,
    reply,
    deps.sessions,
    'decision',
    {
      title: 'Record a decision and what it took into account',
      current: 'decisions',
      action: ACTION,
      key: drawn.key,
      minted: drawn.minted,
      fields,
      links,
      citeError: errors.cite,
      tellChosen,
      tellFields,
      hasClosed: closed.length > 0,
      problems,
      hasErrors: problems !== undefined,
      maxCandidates: MAX_CANDIDATE_ACTIVITIES,
      backLink: { href: '/workbench', label: 'Back to your desk' },
    },
    status,
  );
}

/** An issue of one command of the form, beside its field: the decision's own, link i's, or the feedback's. */
function placeAt(prefix: string, fields: readonly Field[], issues: readonly { path: readonly string[]; message: string }[], placed: PlacedErrors): void {
  for (const issue of issues) {
    const field = fieldFor(fields, issue.path);
    if (field) placed.byField[field.path] ??= friendly(field, issue.message);
    else placed.general.push(`${prefix}${issue.path.join('.')}: ${issue.message}`);
  }
}

export function decisionPages(app: FastifyInstance, deps: WorkbenchDeps): void {
  const kind = recordKind('decisions');
  if (!kind) throw new Error('the workbench has no decisions');
  const form = creatingForm(kind);

  app.get(ACTION, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
    const redirected = withKey(request, reply);
    if (redirected) return redirected;
    const query = request.query as Record<string, string>;
    return draw(request, reply, deps, { key: query.form as string, minted: mintedIds(form, query.form as string), values: prefill(query) });
  });

  app.post(ACTION, { config: { ...OFFICERS, browserForm: true }, schema: { hide: true } }, async (request, reply) => {
    const officer = officerOf(request);
    const body = postedFields(request.body);
    const key = isFormKey(body._key) ? body._key : freshKey();
    const minted = postedMints(form, body);
    const decisionId = minted[kind.idField] as string;
    const again = (placed: PlacedErrors, status: number) => draw(request, reply, deps, { key: freshKey(), minted, values: body, placed }, status);

    // The decision.
    const decision = readForm(form.json, body, form.omit);
    Object.assign(decision.data, minted);
    const placed: PlacedErrors = { byField: { ...decision.problems }, general: [] };
    const decisionFields = describeForm(form.json, { values: body, omit: form.omit });
    const checked = commandDataSchema(form.command).safeParse(decision.data);
    if (!checked.success) placeAt('', decisionFields, checked.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })), placed);

    // What it cites: each ticked candidate, with how it counted and why.
    const cited = several(body.cite);
    const links = cited.map((value, n) => {
      const index = Object.keys(body).find((name) => /^links\.\d+\.source$/.test(name) && body[name] === value)?.split('.')[1] ?? String(n);
      const [what, activityId, findingId] = value.split(':');
      const read = readFormAt(`links.${index}`, linkJson, body);
      Object.assign(placed.byField, read.problems);
      const data = {
        ...read.data,
        decisionId,
        linkId: `${decisionId}-${n + 1}`,
        source: what === 'finding' ? { kind: 'finding', activityId, findingId } : { kind: 'activity', activityId },
      };
      const result = commandDataSchema('LinkInfluence').safeParse(data);
      if (!result.success) {
        const fields = objectFields(`links.${index}`, linkJson, { values: body });
        placeAt('', fields, result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })), placed);
      }
      return { index, data };
    });

    // The feedback to participants, when it was given with the decision.
    let tell: Record<string, unknown> | undefined;
    if (body.tell === 'yes') {
      const read = readFormAt('tell', tellJson, body);
      Object.assign(placed.byField, read.problems);
      tell = { ...read.data, activityId: typeof body['tell.activityId'] === 'string' && body['tell.activityId'] !== '' ? body['tell.activityId'] : undefined, decisionIds: [decisionId] };
      const result = commandDataSchema('GiveFeedbackToParticipants').safeParse(tell);
      if (!result.success) {
        const fields = [describeField('tell.activityId', 'activityId', { type: 'string' }, true, {}), ...objectFields('tell', tellJson, { values: body })];
        placeAt('', fields, result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })), placed);
      }
    }
    if (Object.keys(placed.byField).length > 0 || placed.general.length > 0) return again(placed, 400);

    const commands = [{ type: form.command, data: decision.data }, ...links.map((l) => ({ type: 'LinkInfluence', data: l.data }))];
    const outcome = await submitOnce(
      deps,
      formKey(officer, key, { commands, tell }),
      async (receipt, answer) => {
        const options = { actor: officer, correlationId: key };
        const told = tell ? { type: 'GiveFeedbackToParticipants', data: tell } : undefined;
        // Decide everything before appending anything: the feedback first (its activity's rules) ...
        // It names the decision this form is about to record, which the ledger cannot know yet:
        // checked without it, it meets every other rule; recorded after the decision, it meets that one too.
        if (told) await deps.ledger.check({ ...told, data: { ...tell, decisionIds: [] } }, options);
        // ... then the decision with its links, appended together; unless this very form recorded them already.
        const existing = await deps.store.readStream(`decision-${decisionId}`, { maxCount: 1 });
        const already = existing[0]?.metadata.correlationId === key;
        let result: CommandResult | undefined;
        if (!already) result = await deps.ledger.executeAll(commands, { ...options, ...(!told && receipt ? { receipt: { ...receipt, answer } } : {}) });
        if (told) result = await deps.ledger.execute(told, { ...options, ...(receipt ? { receipt: { ...receipt, answer } } : {}) });
        return result as CommandResult;
      },
      (result) => recordedAnswer(kind.path, decisionId, form.command, result),
    );
    switch (outcome.kind) {
      case 'recorded':
        return reply.redirect(`/workbench/decisions/${decisionId}?${new URLSearchParams({ recorded: form.command, ...(outcome.replayed ? { again: '1' } : {}) })}`, 303);
      case 'invalid':
        return again(placeIssues(decisionFields, outcome.issues), 400);
      case 'conflict':
        return again({ byField: {}, general: ['Someone else recorded on one of these records meanwhile: check the form and send it again.'] }, 409);
      case 'refused': {
        // A refused citation is shown beside the candidate it names; anything else above the form.
        const { activityId, findingId } = outcome.details as { activityId?: string; findingId?: string };
        const link = links.find((l) => {
          const source = l.data.source as { activityId: string; findingId?: string };
          return activityId !== undefined && source.activityId === activityId && (findingId === undefined || source.findingId === findingId);
        });
        const message = `${outcome.message} (${outcome.code}). Nothing was recorded.`;
        return again(link ? { byField: { [`links.${link.index}.influence`]: message }, general: [] } : { byField: {}, general: [message] }, outcome.code === 'OTHER_ORGANISATION' ? 403 : 422);
      }
    }
  });
}
