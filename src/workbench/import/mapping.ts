// A spreadsheet's columns mapped to a response's fields (text, respondent's name, contact,
// postcode, community, area, date received), guessed from the headers and corrected by the
// officer; each row then made into a response as the API takes one (personal data in clear, to
// be sealed on recording) and checked against the same schema, so every row's problems are
// known before anything is recorded.

import { feedbackKinds } from '../../domain/events/activity.js';
import { feedbackInClear, type FeedbackInClear } from '../../privacy/seal-feedback.js';
import type { Sheet } from './sheet.js';

export const targets = [
  { key: 'text', label: 'Response text', required: true, guess: /response|comment|answer|text|feedback|view|said/i },
  { key: 'name', label: 'Respondent’s name (personal: sealed)', guess: /name/i },
  { key: 'contact', label: 'Contact, e-mail or telephone (personal: sealed)', guess: /e-?mail|phone|contact|tel\b|mobile/i },
  { key: 'postcode', label: 'Postcode (personal: sealed)', guess: /post ?code|zip/i },
  { key: 'community', label: 'Communities of interest (ids, separated by ; )', guess: /communit/i },
  { key: 'area', label: 'Area (id)', guess: /\barea\b|\bward\b/i },
  { key: 'receivedOn', label: 'Date received', guess: /date|received|submitted|completed/i },
] as const;

export type TargetKey = (typeof targets)[number]['key'];
/** Target -> column index. */
export type Mapping = Partial<Record<TargetKey, number>>;

export interface ImportDefaults {
  kind: (typeof feedbackKinds)[number];
  /** For rows without a date of their own. */
  receivedOn?: string;
  /** Seal every response's text, even without a respondent (it may name people). */
  personalText: boolean;
}

export interface RowProblem {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  messages: string[];
}

export type ImportedResponse = FeedbackInClear & { feedbackId: string };

/**
 * Each target's most likely column, by its header; a column is used once. The response text is
 * often under a question ("What would you change?"): when no header says so, it is the column
 * left over whose cells are longest.
 */
export function guessMapping(sheet: Sheet): Mapping {
  const mapping: Mapping = {};
  const used = new Set<number>();
  for (const target of [...targets.filter((t) => t.key !== 'text'), ...targets.filter((t) => t.key === 'text')]) {
    const index = sheet.columns.findIndex((name, i) => !used.has(i) && target.guess.test(name));
    if (index >= 0) {
      mapping[target.key] = index;
      used.add(index);
    }
  }
  if (mapping.text === undefined) {
    const sample = sheet.rows.slice(0, 50);
    const length = (i: number) => sample.reduce((sum, row) => sum + (row[i] ?? '').length, 0);
    const longest = sheet.columns.map((_, i) => i).filter((i) => !used.has(i) && length(i) > 0).sort((a, b) => length(b) - length(a))[0];
    if (longest !== undefined) mapping.text = longest;
  }
  return mapping;
}

/** A date as spreadsheets write them: 2026-03-14 (or a timestamp), 14/03/2026, 14/3/26. */
export function sheetDate(text: string): string | undefined {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : uk ? [(uk[3] as string).length === 2 ? `20${uk[3]}` : uk[3], uk[2], uk[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : undefined;
}

const LABELS: Record<string, string> = { text: 'text', respondent: 'respondent', receivedOn: 'date received', communityIds: 'community', areaId: 'area', kind: 'kind' };

function problemsOf(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const field = path[0] === 'respondent' ? (path[1] ?? 'respondent') : (LABELS[path[0] ?? ''] ?? path.join('.'));
    const said = /received undefined|expected string to have >=1 characters/.test(issue.message)
      ? 'missing'
      : issue.message.replace(/^Too big: expected string to have <=(\d+) characters$/, 'longer than $1 characters');
    return `${field}: ${said}`;
  });
}

/** Every row made into a response, or its problems; `idPrefix` makes each response's id from its row, so the same file makes the same ids. */
export function buildResponses(sheet: Sheet, mapping: Mapping, defaults: ImportDefaults, idPrefix: string): { responses: ImportedResponse[]; problems: RowProblem[] } {
  const responses: ImportedResponse[] = [];
  const problems: RowProblem[] = [];
  const cell = (row: readonly string[], key: TargetKey): string => {
    const index = mapping[key];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  sheet.rows.forEach((row, i) => {
    const rowNumber = i + 2;
    const messages: string[] = [];
    const [name, contact, postcode] = [cell(row, 'name'), cell(row, 'contact'), cell(row, 'postcode')];
    const dateCell = cell(row, 'receivedOn');
    const receivedOn = dateCell === '' ? defaults.receivedOn : sheetDate(dateCell);
    if (dateCell !== '' && receivedOn === undefined) messages.push(`date received: “${dateCell}” is not a date`);
    else if (receivedOn === undefined) messages.push('date received: missing (map a date column, or give a date for every row)');
    const communities = cell(row, 'community');
    const area = cell(row, 'area');
    const response = {
      feedbackId: `${idPrefix}-${rowNumber}`,
      kind: defaults.kind,
      receivedOn,
      text: cell(row, 'text'),
      ...(name || contact || postcode ? { respondent: { ...(name ? { name } : {}), ...(contact ? { contact } : {}), ...(postcode ? { postcode } : {}) } } : {}),
      ...(defaults.personalText ? { personalText: true } : {}),
      ...(communities ? { communityIds: communities.split(/[;,]/).map((c) => c.trim()).filter(Boolean) } : {}),
      ...(area ? { areaId: area } : {}),
    };
    const parsed = feedbackInClear.safeParse(response);
    if (!parsed.success) messages.push(...problemsOf(parsed.error.issues).filter((m) => !(m.startsWith('date received') && messages.some((x) => x.startsWith('date received')))));
    if (messages.length > 0) problems.push({ row: rowNumber, messages });
    else if (parsed.success) responses.push(parsed.data as ImportedResponse);
  });
  return { responses, problems };
}
