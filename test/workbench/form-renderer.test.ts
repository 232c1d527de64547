// The form renderer: one walk over a command's zod schema draws its form and reads it back.
// Every officer command has a form; each shape a schema takes is drawn as the GOV.UK pattern for
// it and read back into the data the command's own schema accepts; issues land on their fields.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aggregateFor, commandDataSchema, commandTypes } from '../../src/domain/aggregates/index.js';
import { commandForms, creatingForm } from '../../src/workbench/catalogue.js';
import { fieldFor, placeIssues, placeRule } from '../../src/workbench/forms/errors.js';
import { describeForm, type Field } from '../../src/workbench/forms/fields.js';
import { inputSchemaOf } from '../../src/workbench/forms/json-schema.js';
import { readForm } from '../../src/workbench/forms/values.js';
import { recordKinds } from '../../src/workbench/records.js';

const officerAggregates = new Set(recordKinds.map((k) => k.aggregate));
const formOf = (command: string) => {
  const form = commandForms.get(command);
  if (!form) throw new Error(`no form for ${command}`);
  return form;
};
const fieldsOf = (command: string, values = {}) => {
  const form = formOf(command);
  return describeForm(form.json, { values, omit: form.omit });
};
const named = (fields: readonly Field[], path: string): Field => {
  const found = fieldFor(fields, path.split('.'));
  if (!found || found.path !== path) throw new Error(`no field ${path}`);
  return found;
};

describe('a form for every officer command', () => {
  it('finds every command of the officers’ aggregates in the domain’s catalogue, and a form for each', () => {
    const officerCommands = commandTypes.filter((type) => officerAggregates.has(aggregateFor(type)?.name ?? ''));
    expect(officerCommands.length).toBeGreaterThanOrEqual(25);
    expect([...commandForms.keys()].sort()).toEqual([...officerCommands].sort());
    // Reference data and erasure are the administrator's, through the API: no form.
    for (const type of ['RegisterOrganisation', 'DefineArea', 'OpenHealthCheckCycle', 'EraseSubject']) expect(commandForms.has(type)).toBe(false);
  });

  it('draws every command’s form, a field for each field of its input the officer gives', () => {
    for (const form of commandForms.values()) {
      const fields = describeForm(form.json, { omit: form.omit });
      const shown = fields.map((f) => f.path.split('.')[0]);
      const given = Object.keys(form.json.properties ?? {}).filter((name) => !form.omit.has(name));
      expect(shown, form.command).toEqual(given);
    }
  });

  it('mints the ids a command makes and takes the record’s own id from the record, never from the form', () => {
    expect([...formOf('PlanActivity').omit]).toEqual(['activityId']);
    expect([...formOf('RecordFinding').omit].sort()).toEqual(['activityId', 'findingId']);
    expect(formOf('RecordFinding').mints).toEqual(['findingId']);
    // AmendFinding names a finding that exists: chosen, not minted.
    expect(formOf('AmendFinding').mints).toEqual([]);
    expect(fieldsOf('AmendFinding').map((f) => f.path)).toContain('findingId');
    // A health-check return names a cycle that exists.
    expect(formOf('SubmitHealthCheck').mints).toEqual(['submissionId']);
    for (const form of commandForms.values()) for (const id of form.mints) expect(Object.keys(form.json.properties ?? {}), `${form.command}.${id}`).toContain(id);
    for (const kind of recordKinds) expect(creatingForm(kind).creates).toBe(true);
  });

  it('draws a response one at a time from the response in clear, as the API takes it, not the sealed batch', () => {
    const paths = fieldsOf('RecordFeedback').map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'receivedOn', 'text', 'respondent', 'personalText']));
    expect(paths).not.toContain('responses');
  });
});

describe('each shape of a schema, drawn and read back', () => {
  it('strings, long text, enums, dates and lists of strings and of ids (PlanActivity)', () => {
    const fields = fieldsOf('PlanActivity');
    expect(named(fields, 'title')).toMatchObject({ kind: 'text', multiline: false, required: true, hint: 'What it is called, as people will see it' });
    expect(named(fields, 'description')).toMatchObject({ kind: 'text', multiline: true, required: false });
    expect(named(fields, 'category')).toMatchObject({ kind: 'choice', control: 'radios', options: expect.arrayContaining([{ value: 'deciding_together', label: 'Deciding together' }]) });
    // Thirteen methods: a select rather than radios.
    expect(named(fields, 'method')).toMatchObject({ kind: 'choice', control: 'select' });
    expect(named(fields, 'topics')).toMatchObject({ kind: 'list', isId: false });
    expect(named(fields, 'areaIds')).toMatchObject({ kind: 'list', isId: true, label: 'Areas' });
    expect(named(fields, 'window')).toMatchObject({ kind: 'group', label: 'When it runs' });
    expect(named(fields, 'window.opens')).toMatchObject({ kind: 'date', hint: 'The first day people can take part' });
    expect(named(fields, 'documents')).toMatchObject({ kind: 'repeat', rows: [expect.objectContaining({ kind: 'group', label: 'Document 1' })] });
    expect(named(fields, 'documents.0.url')).toMatchObject({ kind: 'text', inputType: 'url' });

    const form = formOf('PlanActivity');
    const posted = {
      title: 'Housing survey',
      category: 'consultation',
      method: 'survey',
      topics: 'repairs\r\n  rents  \n\n',
      areaIds: 'ward-a, ward-b\nward-c',
      'window.opens.day': '1',
      'window.opens.month': '3',
      'window.opens.year': '2026',
      'window.closes.day': '30',
      'window.closes.month': '4',
      'window.closes.year': '2026',
      'documents.0.title': 'Consultation paper',
      'documents.0.publishedOn.day': '',
      'documents.0.publishedOn.month': '',
      'documents.0.publishedOn.year': '',
      'documents.1.title': '',
    };
    const { data, problems } = readForm(form.json, posted, form.omit);
    expect(problems).toEqual({});
    expect(data).toEqual({
      title: 'Housing survey',
      category: 'consultation',
      method: 'survey',
      topics: ['repairs', 'rents'],
      areaIds: ['ward-a', 'ward-b', 'ward-c'],
      window: { opens: '2026-03-01', closes: '2026-04-30' },
      documents: [{ title: 'Consultation paper' }],
    });
    // The command's own schema then says what is still missing.
    const refused = commandDataSchema('PlanActivity').safeParse({ ...data, activityId: 'a1' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['documents.0.publishedOn']);
  });

  it('a date that is no date is a problem of its field, and no value', () => {
    const form = formOf('OpenActivity');
    const { data, problems } = readForm(form.json, { 'openedOn.day': '31', 'openedOn.month': '2', 'openedOn.year': '2026' }, form.omit);
    expect(data).toEqual({});
    expect(problems).toEqual({ openedOn: expect.stringContaining('must be a real date') });
  });

  it('numbers and records of counts by group (CloseActivity: participation and equality monitoring)', () => {
    const fields = fieldsOf('CloseActivity');
    expect(named(fields, 'participants')).toMatchObject({ kind: 'number', integer: true, min: 0 });
    expect(named(fields, 'equalityMonitoring')).toMatchObject({ kind: 'map', depth: 2, valueType: 'integer' });
    const form = formOf('CloseActivity');
    const read = readForm(form.json, { participants: '512', equalityMonitoring: 'age / 16-24 = 80\nage / 65+ = 120\nsex / female = 300\n' }, form.omit);
    expect(read).toEqual({ data: { participants: 512, equalityMonitoring: { age: { '16-24': 80, '65+': 120 }, sex: { female: 300 } } }, problems: {} });
    expect(readForm(form.json, { participants: 'many', equalityMonitoring: 'age = 3' }, form.omit).problems).toEqual({
      participants: expect.stringContaining('enter a number'),
      equalityMonitoring: expect.stringContaining('Line 1'),
    });
  });

  it('a discriminated union as radios revealing each option’s fields (LinkInfluence: what it cites)', () => {
    const fields = fieldsOf('LinkInfluence', { 'source.kind': 'finding' });
    const source = named(fields, 'source');
    expect(source).toMatchObject({ kind: 'union', discriminator: 'kind', value: 'finding', label: 'What it cites' });
    if (source.kind !== 'union') throw new Error('not a union');
    expect(source.options.map((o) => [o.value, o.label, o.fields.map((f) => f.path)])).toEqual([
      ['activity', 'A whole activity', ['source.activity.activityId']],
      ['finding', 'One finding of an activity', ['source.finding.activityId', 'source.finding.findingId']],
    ]);
    const form = formOf('LinkInfluence');
    const posted = { 'source.kind': 'finding', 'source.finding.activityId': 'survey', 'source.finding.findingId': 'f1', 'source.activity.activityId': 'ignored', influence: 'changed', rationale: 'It did.' };
    expect(readForm(form.json, posted, form.omit).data).toEqual({ source: { kind: 'finding', activityId: 'survey', findingId: 'f1' }, influence: 'changed', rationale: 'It did.' });
  });

  it('arrays of enum values as checkboxes, and booleans as a checkbox (RedactFeedback, a response’s personal text)', () => {
    expect(named(fieldsOf('RedactFeedback'), 'fields')).toMatchObject({ kind: 'choices', options: [{ value: 'text' }, { value: 'respondent' }] });
    expect(named(fieldsOf('RecordFeedback'), 'personalText')).toMatchObject({ kind: 'boolean', required: false });
    expect(named(fieldsOf('RecordFeedback'), 'respondent.name')).toMatchObject({ kind: 'text', hint: 'Their name' });
    const form = formOf('RedactFeedback');
    expect(readForm(form.json, { feedbackId: 'r1', fields: ['text', 'respondent'], reason: 'Asked' }, form.omit).data).toEqual({ feedbackId: 'r1', fields: ['text', 'respondent'], reason: 'Asked' });
  });

  it('repeated fieldsets with nested repeats and objects, as many rows as the schema needs (VOiCE, health check)', () => {
    // The domain takes each of the five principles once: a new form starts with a row for each.
    const voice = fieldsOf('RecordVoiceEvaluation', formOf('RecordVoiceEvaluation').start);
    const principles = named(voice, 'principles');
    if (principles.kind !== 'repeat') throw new Error('not a repeat');
    expect(principles.rows).toHaveLength(5);
    expect(named(voice, 'principles.4.principle')).toMatchObject({ kind: 'choice', value: 'continuous_learning' });
    expect(named(voice, 'outcomes')).toMatchObject({ kind: 'repeat', rows: [expect.anything()] });
    const health = fieldsOf('SubmitHealthCheck', formOf('SubmitHealthCheck').start);
    const assessments = named(health, 'assessments');
    if (assessments.kind !== 'repeat') throw new Error('not a repeat');
    expect(assessments.rows).toHaveLength(4);
    expect(named(health, 'assessments.2.scores.depth')).toMatchObject({ kind: 'number', required: false });
    expect(named(health, 'assessments.2.examples.0.description')).toMatchObject({ kind: 'text' });
  });

  it('draws any shape it has no pattern for as JSON, so no schema is left without a form', () => {
    const odd = inputSchemaOf(z.object({ weights: z.array(z.array(z.number())) }));
    const [field] = describeForm(odd);
    expect(field).toMatchObject({ kind: 'json', path: 'weights' });
    expect(readForm(odd, { weights: '[[1,2],[3]]' }).data).toEqual({ weights: [[1, 2], [3]] });
    expect(readForm(odd, { weights: '[[1,' }).problems).toEqual({ weights: expect.stringContaining('not valid JSON') });
  });
});

describe('where refusals are shown', () => {
  it('puts a schema issue beside its field, through unions and rows, in words for the form', () => {
    const fields = fieldsOf('LinkInfluence', { 'source.kind': 'finding' });
    const placed = placeIssues(fields, [
      { path: ['source', 'findingId'], message: 'Invalid input: expected string, received undefined' },
      { path: ['rationale'], message: 'Too small: expected string to have >=1 characters' },
      { path: ['nowhere'], message: 'odd' },
    ]);
    expect(placed.byField).toEqual({ 'source.finding.findingId': 'Enter finding', rationale: 'Enter rationale' });
    expect(placed.general).toEqual(['nowhere: odd']);
    const rows = placeIssues(fieldsOf('PlanActivity'), [{ path: ['documents', '0', 'publishedOn'], message: 'Invalid input: expected string, received undefined' }]);
    expect(rows.byField).toEqual({ 'documents.0.publishedOn': 'Enter published on as a date' });
  });

  it('puts a rule of the domain beside the field its details name, or above the form', () => {
    const fields = fieldsOf('PlanActivity');
    expect(placeRule(fields, 'an activity cannot close before it opens', { window: {} })).toEqual({ byField: { window: 'an activity cannot close before it opens' }, general: [] });
    expect(placeRule(fields, 'activity x had not opened', { activityId: 'x', on: '2026-01-01' })).toEqual({ byField: {}, general: ['activity x had not opened'] });
  });
});
