// One row of an action plan (Halton's what / who / when / how / measure / progress, with
// Highland's implications and outcomes) as the commands that record it. The CSV importer
// and the demo's seed modules both build actions here, so a row means the same everywhere.

import type { z } from 'zod';
import type { actionCommand } from '../domain/aggregates/action.js';
import type { IsoDate } from '../domain/values.js';
import { statusFromProgress, type ProgressReading } from './progress.js';
import { readTimescale } from './timescale.js';

/** An action command as sent (defaults not yet applied). */
export type ActionCommandInput = z.input<typeof actionCommand>;

export interface ActionRow {
  what: string;
  /** The lead, in the plan's words. */
  who: string;
  when?: string;
  /** Where the words need reading the parser cannot do ("in 6 months" from the report's date). */
  targetDate?: IsoDate;
  how?: string;
  measure?: string;
  implications?: { risk?: string; cost?: string; resource?: string };
  expectedOutcome?: string;
  /** The progress note as of `reportedOn`; its words give the status. */
  progress?: string;
}

export interface ActionPlacement {
  actionId: string;
  planId: string;
  objectiveId?: string;
  leadOrganisationIds?: string[];
  /** The day the progress note was reported. */
  reportedOn: IsoDate;
}

export interface ActionRowCommands {
  /** PlanAction. */
  plan: ActionCommandInput;
  /** The progress note, then the status it implies (the note first: a closed action takes no notes). */
  report: ActionCommandInput[];
  reading: ProgressReading;
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.replace(/[ \t]+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
};

export function actionRowCommands(row: ActionRow, placement: ActionPlacement): ActionRowCommands {
  const { actionId, planId, objectiveId, leadOrganisationIds = [], reportedOn } = placement;
  const when = readTimescale(row.when);
  const targetDate = row.targetDate ?? when.targetDate;
  const risk = text(row.implications?.risk);
  const cost = text(row.implications?.cost);
  const resource = text(row.implications?.resource);
  const plan: ActionCommandInput = {
    type: 'PlanAction',
    data: {
      actionId,
      planId,
      ...(objectiveId ? { objectiveId } : {}),
      what: row.what.trim(),
      lead: row.who.trim(),
      leadOrganisationIds,
      ...(when.timescale ? { timescale: when.timescale } : {}),
      ...(targetDate ? { targetDate } : {}),
      ...(text(row.how) ? { how: text(row.how) } : {}),
      ...(text(row.measure) ? { measure: text(row.measure) } : {}),
      ...(risk || cost || resource ? { implications: { ...(risk ? { risk } : {}), ...(cost ? { cost } : {}), ...(resource ? { resource } : {}) } } : {}),
      ...(text(row.expectedOutcome) ? { expectedOutcome: text(row.expectedOutcome) } : {}),
    },
  };
  const note = text(row.progress);
  const reading = statusFromProgress(note);
  const report: ActionCommandInput[] = [];
  if (note) report.push({ type: 'NoteActionProgress', data: { actionId, notedOn: reportedOn, note } });
  if (reading.status !== 'planned') {
    report.push({ type: 'ChangeActionStatus', data: { actionId, to: reading.status, ...(reading.reason ? { reason: reading.reason } : {}) } });
  }
  return { plan, report, reading };
}
