// A record's page: what it says now, what can be recorded on it (every form of its aggregate,
// and the forms of other records that start from it), and its history, event by event, with
// who recorded each. Responses are counted, never shown.

import type { FastifyInstance } from 'fastify';
import type { RecordedEvent } from '../../store/port.js';
import { commandForms, formsOf, type CommandForm } from '../catalogue.js';
import type { WorkbenchDeps } from '../deps.js';
import { commandTitle, fieldLabel, words } from '../forms/labels.js';
import { longDate, longTime, officerOf, page } from '../page.js';
import { openRecord, type OpenedRecord } from '../record-access.js';
import { recordKinds, type RecordKind } from '../records.js';
import { OFFICERS } from './forms.js';

export interface Fact {
  label: string;
  value: string;
}

const MAX_TEXT = 300;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function text(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') return isDate(value) ? longDate(value) : value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.every((v) => typeof v === 'string') ? value.map((v) => text(v)).join(', ') : `${value.length}`;
  }
  return undefined;
}

/**
 * A view's facts, two levels deep, as label and text: generic, so a view that gains a field shows
 * it. The record's own event (the object holding its id) reads as the record's fields; any other
 * object's fields are named under it ("Feedback: received").
 */
export function factsOf(view: Record<string, unknown>, idField: string, prefix = '', depth = 0): Fact[] {
  return Object.entries(view).flatMap(([key, value]): Fact[] => {
    const label = prefix ? `${prefix}: ${fieldLabel(key).toLowerCase()}` : fieldLabel(key);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('sealed' in value) return [];
      const isTheRecord = depth === 0 && idField in value;
      return depth < 2 ? factsOf(value as Record<string, unknown>, idField, isTheRecord ? '' : label, depth + 1) : [];
    }
    const shown = text(value);
    return shown === undefined ? [] : [{ label, value: shown }];
  });
}

interface PartAction {
  label: string;
  href: string;
}

interface Part {
  id: string;
  name: string;
  withdrawn: boolean;
  actions: PartAction[];
}

const ID_FIELDS = ['findingId', 'linkId', 'objectiveId'];

/** A form that names an existing part of its record (AmendFinding's finding), rather than making one. */
const actsOnAPart = (form: CommandForm): boolean => ID_FIELDS.some((f) => form.json.required?.includes(f) && !form.omit.has(f));

/** The parts of a record with ids of their own (findings, influence links, objectives), each with the forms that act on one. */
function partsOf(record: OpenedRecord, forms: readonly CommandForm[]): { title: string; parts: Part[] }[] {
  return Object.entries(record.view).flatMap(([key, value]) => {
    if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'object') return [];
    const idField = ID_FIELDS.find((f) => f in (value[0] as object));
    if (!idField) return [];
    const acting = forms.filter((form) => actsOnAPart(form) && form.json.required?.includes(idField));
    const parts = value.map((item): Part => {
      const part = item as Record<string, unknown>;
      const id = String(part[idField]);
      // A finding by its theme, an objective by its code and title, an influence link by how it counted and why.
      const said = part.influence ? `${words(String(part.influence))}: ${String(part.rationale ?? '')}` : (part.theme ?? part.title);
      const name = [part.code, said].filter((v) => typeof v === 'string' && v !== '').join(' ');
      return {
        id,
        name: name || id,
        withdrawn: Boolean(part.withdrawn),
        actions: acting.map((form) => ({ label: form.title, href: `/workbench/${record.kind.path}/${record.id}/${form.command}?${new URLSearchParams({ [idField]: id })}` })),
      };
    });
    return [{ title: fieldLabel(key), parts }];
  });
}

/** Forms of other records that start from this one: a creating form with a field naming this record. */
function startingFrom(record: OpenedRecord): PartAction[] {
  const links: PartAction[] = [];
  for (const kind of recordKinds) {
    const creating = commandForms.get(kind.creates);
    if (kind === record.kind || !creating || creating.omit.has(record.kind.idField)) continue;
    const names = Object.keys(creating.json.properties ?? {});
    if (names.includes(record.kind.idField)) {
      links.push({ label: `${commandTitle(kind.creates)} from this ${record.kind.noun}`, href: `/workbench/${kind.path}/new?${new URLSearchParams({ [record.kind.idField]: record.id })}` });
    }
  }
  return links;
}

interface HistoryRow {
  position: number;
  what: string;
  count: number;
  at: string;
  actor: string;
}

/** The record's events, those recorded together (a batch of responses) in one row. */
function history(recorded: readonly RecordedEvent[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let last: { type: string; correlationId: string } | undefined;
  for (const event of recorded) {
    const previous = rows[rows.length - 1];
    if (previous && last && last.type === event.type && last.correlationId === event.metadata.correlationId) {
      previous.count += 1;
      continue;
    }
    rows.push({ position: event.position, what: words(event.type), count: 1, at: longTime(event.metadata.recordedAt), actor: event.metadata.actor });
    last = { type: event.type, correlationId: event.metadata.correlationId };
  }
  return rows;
}

export function recordPage(app: FastifyInstance, deps: WorkbenchDeps, kind: RecordKind, extraLinks: (record: OpenedRecord) => PartAction[] = () => []): void {
  app.get(`/workbench/${kind.path}/:id`, { config: OFFICERS, schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = request.query as { recorded?: string; again?: string };
    const record = await openRecord(deps.store, kind, id, officerOf(request));
    const forms = formsOf(kind);
    const recorded = typeof query.recorded === 'string' && commandForms.has(query.recorded) ? commandTitle(query.recorded) : undefined;
    return page(request, reply, deps.sessions, 'record', {
      title: record.title,
      caption: words(kind.noun),
      record,
      facts: factsOf(record.view, kind.idField),
      parts: partsOf(record, forms),
      // Forms that act on one part (a finding, a link, an objective) are offered beside each part.
      forms: forms.filter((form) => !actsOnAPart(form)).map((form) => ({ label: form.title, href: `/workbench/${kind.path}/${record.id}/${form.command}` })),
      more: [...extraLinks(record), ...startingFrom(record)],
      history: history(record.recorded),
      recorded,
      again: query.again === '1',
      backLink: { href: '/workbench', label: 'Back to your desk' },
    });
  });
}
