// Importing an action plan kept as a spreadsheet, with the columns of Halton's action plan:
// objective, what, who, when, how, measure, progress. Pure: text in, commands and problems out;
// the CLI sends the commands through the Ledger, so every domain rule still applies.

import { parse, type CsvError, type InfoRecord } from 'csv-parse/sync';
import { actionCommand } from '../domain/aggregates/action.js';
import { entityId, isoDate, type IsoDate } from '../domain/values.js';
import { actionRowCommands, type ActionCommandInput } from './action-row.js';
import { leadOrganisationIds } from './leads.js';

export const actionsCsvColumns = ['objective', 'what', 'who', 'when', 'how', 'measure', 'progress'] as const;
type Column = (typeof actionsCsvColumns)[number];
const requiredColumns: readonly Column[] = ['what', 'who'];

export interface ImportActionsCsvOptions {
  planId: string;
  /** The day the progress column was reported: each note is dated on it. */
  reportedOn: IsoDate;
  /** The objective column's text or code ("1", "Citizen focused local decision making") -> objective id; matched ignoring case. */
  objectiveIds?: Readonly<Record<string, string>>;
  /** Names and abbreviations in the who column ("HBC") -> organisation id, for the action's lead organisations. */
  organisationIds?: Readonly<Record<string, string>>;
}

/** `line` is where the row starts in the file (1 is the header); 0 means the options, not the file. */
export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportedActions {
  /** For each good row, in file order: PlanAction, then NoteActionProgress and ChangeActionStatus where the progress says so. */
  commands: ActionCommandInput[];
  problems: ImportProblem[];
}

interface ParsedRow {
  record: Partial<Record<string, string>>;
  info: InfoRecord;
  raw: string;
}

const normaliseHeader = (name: string): string => name.trim().replace(/[?:]+$/, '').trim().toLowerCase();
const normaliseKey = (key: string): string => key.replace(/\s+/g, ' ').trim().toLowerCase();

/** The line a record starts on: csv-parse counts to its end, and quoted fields may span lines. */
function startLine(row: ParsedRow): number {
  const body = row.raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  return row.info.lines - (body.match(/\n/g)?.length ?? 0);
}

/** Action ids: the plan's id and the row's place among the data rows, kept within 64 characters. */
function actionIdFor(planId: string, ordinal: number): string {
  const suffix = `-action-${ordinal}`;
  return `${planId.slice(0, 64 - suffix.length)}${suffix}`;
}

function optionProblems(options: ImportActionsCsvOptions): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (!entityId.safeParse(options.planId).success) problems.push({ line: 0, message: `the plan id "${options.planId}" is not a valid id` });
  if (!isoDate.safeParse(options.reportedOn).success) problems.push({ line: 0, message: `the report date "${options.reportedOn}" is not a YYYY-MM-DD date` });
  return problems;
}

function headerProblems(header: readonly string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) problems.push({ line: 1, message: `the column "${name}" appears twice` });
    seen.add(name);
    if (!(actionsCsvColumns as readonly string[]).includes(name)) {
      problems.push({ line: 1, message: `unknown column "${name}"; the columns are ${actionsCsvColumns.join(', ')}` });
    }
  }
  for (const name of requiredColumns) if (!seen.has(name)) problems.push({ line: 1, message: `the header has no "${name}" column` });
  return problems;
}

export function importActionsCsv(csvText: string, options: ImportActionsCsvOptions): ImportedActions {
  const problems = optionProblems(options);
  if (problems.length > 0) return { commands: [], problems };

  let header: string[] = [];
  let rows: ParsedRow[];
  try {
    rows = parse<ParsedRow>(csvText, {
      bom: true,
      columns: (names: string[]) => (header = names.map(normaliseHeader)),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const csvError = error as CsvError;
    return { commands: [], problems: [{ line: typeof csvError.lines === 'number' ? csvError.lines : 1, message: `the file is not readable CSV: ${csvError.message}` }] };
  }
  if (header.length === 0) return { commands: [], problems: [{ line: 1, message: 'the file has no header row' }] };
  problems.push(...headerProblems(header));
  if (problems.length > 0) return { commands: [], problems };

  const objectiveIds = new Map(Object.entries(options.objectiveIds ?? {}).map(([key, id]) => [normaliseKey(key), id]));
  const commands: ActionCommandInput[] = [];
  rows.forEach((row, index) => {
    const line = startLine(row);
    const cell = (column: Column): string => row.record[column]?.trim() ?? '';
    const rowProblems: string[] = [];
    if (cell('what') === '') rowProblems.push('the row has no "what": every action says what will be done');
    if (cell('who') === '') rowProblems.push('the row has no "who": every action has a lead');
    let objectiveId: string | undefined;
    if (cell('objective') !== '' && options.objectiveIds) {
      objectiveId = objectiveIds.get(normaliseKey(cell('objective')));
      if (!objectiveId) rowProblems.push(`the objective "${cell('objective')}" is not one of the plan's objectives`);
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems.map((message) => ({ line, message })));
      return;
    }

    const built = actionRowCommands(
      { what: cell('what'), who: cell('who'), when: cell('when'), how: cell('how'), measure: cell('measure'), progress: cell('progress') },
      {
        actionId: actionIdFor(options.planId, index + 1),
        planId: options.planId,
        ...(objectiveId ? { objectiveId } : {}),
        leadOrganisationIds: leadOrganisationIds(cell('who'), options.organisationIds),
        reportedOn: options.reportedOn,
      },
    );
    // Check each command against its schema here, so a bad row is a problem with a line, not a refusal halfway through.
    const rowCommands = [built.plan, ...built.report];
    const invalid = rowCommands.flatMap((command) => {
      const parsed = actionCommand.safeParse(command);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${command.type}: ${issue.path.slice(1).join('.') || 'data'}: ${issue.message}`);
    });
    if (invalid.length > 0) problems.push(...invalid.map((message) => ({ line, message })));
    else commands.push(...rowCommands);
  });
  return { commands, problems };
}
