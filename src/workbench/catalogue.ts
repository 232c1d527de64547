// Every form the workbench offers, found in the domain's catalogue rather than listed by hand:
// each command of a record kind's aggregate (src/workbench/records.ts) is a form, drawn from its
// own zod schema. A command added to one of those aggregates gets a form without a change here.
// What the workbench must know beyond the schema is small and kept here: the ids a command
// makes (a new record, a new finding...), which the form mints once so a resubmission is the
// same request; and the one command whose input differs from its data (a response, given in
// clear and sealed on arrival, as the API takes it).

import type { z } from 'zod';
import { aggregateFor, commandDataSchema, commandTypes } from '../domain/aggregates/index.js';
import { voicePrinciples } from '../domain/events/voice.js';
import { engagementCategories } from '../domain/values.js';
import type { FlatValues } from './forms/fields.js';
import { feedbackInClear, sealResponses, type FeedbackInClear } from '../privacy/seal-feedback.js';
import type { SubjectKeys } from '../privacy/key-store.js';
import { inputSchemaOf, type JsonSchema } from './forms/json-schema.js';
import { commandTitle } from './forms/labels.js';
import { recordKinds, type RecordKind } from './records.js';

export interface CommandForm {
  command: string;
  title: string;
  kind: RecordKind;
  /** It starts a record (at /workbench/<kind>/new) rather than acting on one. */
  creates: boolean;
  /** The schema the form is drawn from and read back with. */
  input: z.ZodObject;
  json: JsonSchema;
  /** Fields the form does not show: the record's id (from the URL) and the ids it mints. */
  omit: ReadonlySet<string>;
  /** Ids this command makes, minted when the form is drawn. */
  mints: readonly string[];
  /** The command's data from what the form gave (and the ids filled in). */
  toData(input: Record<string, unknown>, deps: { keys: SubjectKeys }): Promise<Record<string, unknown>>;
  /** What a new form starts with, where the domain says what every return holds (a row per principle, per category). */
  start: FlatValues;
}

/**
 * Forms that start with a row for each thing the domain expects once (its rules refuse a return
 * without them): the five VOiCE principles, the four engagement categories of a health check.
 */
const STARTS: Readonly<Record<string, FlatValues>> = {
  RecordVoiceEvaluation: Object.fromEntries(voicePrinciples.map((principle, i) => [`principles.${i}.principle`, principle])),
  SubmitHealthCheck: Object.fromEntries(engagementCategories.map((category, i) => [`assessments.${i}.category`, category])),
};

/** Ids a command makes besides a new record's own: a part of the record, given an id when the form is drawn. */
const MINTED_PARTS: Readonly<Record<string, readonly string[]>> = {
  RecordFinding: ['findingId'],
  LinkInfluence: ['linkId'],
  AddObjective: ['objectiveId'],
  AddOutcomeIndicator: ['indicatorId'],
  SubmitHealthCheck: ['submissionId'],
};

/** Commands whose form is not their data: a response is given in clear, one at a time, and sealed as the API seals it. */
const INPUTS: Readonly<Record<string, { input: z.ZodObject; mints: readonly string[]; toData: CommandForm['toData'] }>> = {
  RecordFeedback: {
    input: feedbackInClear,
    mints: ['feedbackId'],
    toData: async (input, { keys }) => {
      const { activityId, ...response } = input as FeedbackInClear & { activityId: string; feedbackId: string };
      return { activityId, responses: await sealResponses(keys, activityId, [response]) };
    },
  },
};

function formFor(command: string, kind: RecordKind): CommandForm {
  const creates = command === kind.creates;
  const special = INPUTS[command];
  const mints = [...(creates && !kind.namesExisting ? [kind.idField] : []), ...(MINTED_PARTS[command] ?? []), ...(special?.mints ?? [])];
  const input = special?.input ?? commandDataSchema(command);
  const omit = new Set([...mints, ...(creates ? [] : [kind.idField])]);
  // A record's id the form makes, or takes from the URL; a cycle's is chosen in the form.
  return {
    command,
    title: commandTitle(command),
    kind,
    creates,
    input,
    json: inputSchemaOf(input),
    omit,
    mints,
    toData: special?.toData ?? (async (data) => data),
    start: STARTS[command] ?? {},
  };
}

/** Every form, by command type. */
export const commandForms: ReadonlyMap<string, CommandForm> = new Map(
  recordKinds.flatMap((kind) =>
    commandTypes.filter((type) => aggregateFor(type)?.name === kind.aggregate).map((type): [string, CommandForm] => [type, formFor(type, kind)]),
  ),
);

/** The forms for a record of a kind: every command but the one that starts it. */
export function formsOf(kind: RecordKind): CommandForm[] {
  return [...commandForms.values()].filter((form) => form.kind === kind && !form.creates);
}

export function creatingForm(kind: RecordKind): CommandForm {
  const form = commandForms.get(kind.creates);
  if (!form) throw new Error(`the domain has no command ${kind.creates} to start a ${kind.noun}`);
  return form;
}
