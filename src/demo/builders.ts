// Small builders the seed modules share, so each module reads like its document. Every step is
// a command as an officer (or the administrator) would send it, typed against the aggregates'
// own command schemas, and every step carries the passage it rests on. Where a record's words
// are the document's (an objective's title, an action's row, a finding), the builder quotes them
// itself, so the words recorded are the words the source test finds in the document.

import type { z } from 'zod';
import type { actionCommand } from '../domain/aggregates/action.js';
import type { activityCommand } from '../domain/aggregates/activity.js';
import type { decisionCommand } from '../domain/aggregates/decision.js';
import type { healthCheckCycleCommand } from '../domain/aggregates/health-check-cycle.js';
import type { organisationCommand } from '../domain/aggregates/organisation.js';
import type { planCommand } from '../domain/aggregates/plan.js';
import type { areaCommand, communityCommand } from '../domain/aggregates/reference.js';
import type { ActionStatus } from '../domain/events/action.js';
import type { IsoDate } from '../domain/values.js';
import { actionRowCommands } from '../import/action-row.js';
import { readTimescale } from '../import/timescale.js';
import { quotation, type Citation, type Cite } from './documents.js';
import type { DemoStep } from './step.js';

type DemoCommand = z.input<
  | typeof organisationCommand
  | typeof areaCommand
  | typeof communityCommand
  | typeof planCommand
  | typeof activityCommand
  | typeof decisionCommand
  | typeof actionCommand
  | typeof healthCheckCycleCommand
>;
type DataOf<T extends DemoCommand['type']> = Extract<DemoCommand, { type: T }>['data'];

/** Noon UTC on the day: the seeds give days, not times. */
export const at = (date: IsoDate, time = '12:00:00'): string => `${date}T${time}Z`;

export const step = (as: DemoStep['as'], command: DemoCommand, source: Citation, on?: IsoDate): DemoStep =>
  on ? { as, command, source, occurredAt: at(on) } : { as, command, source };

/** A citation whose passages are the record's own words, so the record cannot drift from its quote. */
const quoting = (cite: Cite, section: string, words: Words, reading?: string): Citation => cite(section, parts(words), reading);

/** Words as printed: one passage, or the pieces of one split by a page or a table's layout. */
export type Words = string | readonly string[];
export const parts = (words: Words): readonly string[] => (typeof words === 'string' ? [words] : words);
/** The pieces as one text (a cell broken by a page reads on). */
export const joined = (words: Words): string => parts(words).join(' ');

// Reference data, kept by the administrator.

export const organisation = (organisationId: string, name: string, kind: DataOf<'RegisterOrganisation'>['kind'], source: Citation): DemoStep =>
  step('admin', { type: 'RegisterOrganisation', data: { organisationId, name, kind } }, source);

/** A member of a network, as the document names it. */
export const member = (networkId: string, memberId: string, source: Citation, role?: string): DemoStep =>
  step('admin', { type: 'AddNetworkMember', data: { organisationId: networkId, memberId, ...(role ? { role } : {}) } }, source);

/** An organisation replaced by another, in the document's words. */
export const replaced = (organisationId: string, replacedBy: string, source: Citation): DemoStep =>
  step('admin', { type: 'ReplaceOrganisation', data: { organisationId, replacedBy, reason: quotation(source) } }, source);

export const area = (areaId: string, name: string, kind: DataOf<'DefineArea'>['kind'], source: Citation): DemoStep =>
  step('admin', { type: 'DefineArea', data: { areaId, name, kind } }, source);

export type ProtectedCharacteristic = NonNullable<DataOf<'DefineCommunityOfInterest'>['protectedCharacteristic']>;

export const community = (
  communityId: string,
  name: string,
  source: Citation,
  { protectedCharacteristic, hardToReach = false }: Pick<DataOf<'DefineCommunityOfInterest'>, 'protectedCharacteristic' | 'hardToReach'> = {},
): DemoStep => step('admin', { type: 'DefineCommunityOfInterest', data: { communityId, name, hardToReach, ...(protectedCharacteristic ? { protectedCharacteristic } : {}) } }, source);

// Plans: who keeps the plan, its id, the document it is cited from, and the day it is recorded on.

export interface PlanKeeper {
  as: string;
  planId: string;
  cite: Cite;
  /** The day the plan's record dates from: its objectives and actions are recorded on it. */
  on: IsoDate;
}

/** A plan recorded as adopted on its day (the document shows it approved or endorsed). */
export const adoptPlan = (plan: PlanKeeper, data: Omit<DataOf<'AdoptPlan'>, 'planId' | 'adoptedOn'>, source: Citation): DemoStep =>
  step(plan.as, { type: 'AdoptPlan', data: { planId: plan.planId, adoptedOn: plan.on, ...data } }, source, plan.on);

/** A plan recorded as the draft the document says it is, on its day. */
export const draftPlan = (plan: PlanKeeper, data: Omit<DataOf<'DraftPlan'>, 'planId' | 'draftedOn'>, source: Citation): DemoStep =>
  step(plan.as, { type: 'DraftPlan', data: { planId: plan.planId, draftedOn: plan.on, ...data } }, source, plan.on);

/** A draft put to a body for adoption. */
export const proposePlan = (plan: PlanKeeper, proposedOn: IsoDate, proposedTo: string, source: Citation): DemoStep =>
  step(plan.as, { type: 'ProposePlan', data: { planId: plan.planId, proposedOn, proposedTo } }, source, proposedOn);

/** An item of the plan's resources, in its words; the amount in whole pence where it gives one. */
export const resource = (plan: PlanKeeper, resourceId: string, section: string, item: Words, more: { amountPence?: number; basis?: string } = {}): DemoStep =>
  step(plan.as, { type: 'AddPlanResource', data: { planId: plan.planId, resourceId, item: joined(item), ...more } }, plan.cite(section, [...parts(item), ...(more.basis ? [more.basis] : [])]), plan.on);

/** A risk the plan names, in its words, with what it says is done about it. */
export const risk = (plan: PlanKeeper, riskId: string, section: string, words: Words, mitigation?: Words): DemoStep =>
  step(
    plan.as,
    { type: 'IdentifyPlanRisk', data: { planId: plan.planId, riskId, risk: joined(words), ...(mitigation ? { mitigation: joined(mitigation) } : {}) } },
    plan.cite(section, [...parts(words), ...(mitigation ? parts(mitigation) : [])]),
    plan.on,
  );

/** An objective (aim, outcome, improvement) in the plan's own words. */
export const objective = (plan: PlanKeeper, objectiveId: string, code: string, section: string, title: Words, description?: Words): DemoStep =>
  step(
    plan.as,
    { type: 'AddObjective', data: { planId: plan.planId, objectiveId, code, title: joined(title), ...(description ? { description: joined(description) } : {}) } },
    plan.cite(section, [...parts(title), ...(description ? parts(description) : [])]),
    plan.on,
  );

export const indicator = (plan: PlanKeeper, objectiveId: string, indicatorId: string, code: string, section: string, text: string): DemoStep =>
  step(plan.as, { type: 'AddOutcomeIndicator', data: { planId: plan.planId, objectiveId, indicatorId, code, text } }, plan.cite(section, text), plan.on);

// Actions.

/** One row of an action plan, each cell as printed; a cell the row leaves blank is absent. */
export interface ActionWords {
  what: Words;
  who?: Words;
  when?: Words;
  how?: Words;
  measure?: Words;
  outcome?: Words;
}

export interface ActionPlace {
  objectiveId?: string;
  leadOrganisationIds?: string[];
  /** Said when the row names no lead: what the record says instead ("Not stated in the plan"). */
  noLead?: string;
  /** Where the words need a reading the timescale parser cannot do: the date, and the reading. */
  targetDate?: { date: IsoDate; reading: string };
  /** The day the plan's record of this action dates from (the plan's day unless given). */
  on?: IsoDate;
  /** Any other reading the record makes of the row (where a diagram left it). */
  reading?: string;
  /** The decision the action carries out, and the words that say the decision asked for it or endorsed it. */
  carriesOut?: { decisionId: string; words: Words };
}

const NO_LEAD = 'Not stated';

/**
 * A plan action from its row. The cells are recorded as printed and quoted; a target date is read
 * from the "when" words only where they name a month or a day, and the reading is said.
 */
export function action(plan: PlanKeeper, actionId: string, section: string, row: ActionWords, place: ActionPlace = {}): DemoStep {
  const on = place.on ?? plan.on;
  const when = row.when === undefined ? undefined : joined(row.when);
  const read = readTimescale(when);
  const targetDate = place.targetDate?.date ?? read.targetDate;
  const reading = [
    row.who === undefined ? `The row names no lead: recorded as "${place.noLead ?? NO_LEAD}".` : undefined,
    place.targetDate?.reading ?? (read.targetDate ? `Target date ${read.targetDate}: the last day "${when}" allows.` : undefined),
    place.reading,
  ].filter(Boolean).join(' ');
  const { plan: command } = actionRowCommands(
    {
      what: joined(row.what),
      who: row.who === undefined ? (place.noLead ?? NO_LEAD) : joined(row.who),
      ...(when ? { when } : {}),
      ...(targetDate ? { targetDate } : {}),
      ...(row.how ? { how: joined(row.how) } : {}),
      ...(row.measure ? { measure: joined(row.measure) } : {}),
      ...(row.outcome ? { expectedOutcome: joined(row.outcome) } : {}),
    },
    { actionId, planId: plan.planId, reportedOn: on, ...(place.objectiveId ? { objectiveId: place.objectiveId } : {}), leadOrganisationIds: place.leadOrganisationIds ?? [] },
  );
  const quoted = [row.what, row.who, row.when, row.how, row.measure, row.outcome, place.carriesOut?.words].flatMap((cell) => (cell === undefined ? [] : parts(cell)));
  const planned = place.carriesOut && command.type === 'PlanAction' ? { ...command, data: { ...command.data, decisionId: place.carriesOut.decisionId } } : command;
  return step(plan.as, planned, plan.cite(section, quoted, reading || undefined), on);
}

/** A dated milestone on the way to an action's target, in the plan's words. */
export const milestone = (plan: PlanKeeper, actionId: string, milestoneId: string, section: string, what: string, due: IsoDate, reading: string): DemoStep =>
  step(plan.as, { type: 'AddActionMilestone', data: { actionId, milestoneId, what, due } }, plan.cite(section, what, reading), plan.on);

/** A progress note, as printed, on the day the document reports it. */
export const progress = (plan: PlanKeeper, actionId: string, notedOn: IsoDate, section: string, note: Words, reading?: string): DemoStep =>
  step(plan.as, { type: 'NoteActionProgress', data: { actionId, notedOn, note: joined(note) } }, quoting(plan.cite, section, note, reading), notedOn);

/** A status the document states, resting on the words that state it. */
export const status = (plan: PlanKeeper, actionId: string, to: ActionStatus, on: IsoDate, source: Citation): DemoStep =>
  step(plan.as, { type: 'ChangeActionStatus', data: { actionId, to } }, source, on);

// Invitations. Naming another organisation as a plan's partner, an activity's joint partner or an
// action's lead invites it; an officer of that organisation accepts only where the document shows
// the organisation taking its part. Otherwise the invitation stays open, as the record has it.

export const acceptPlanPartnership = (organisationId: string, planId: string, on: IsoDate, source: Citation): DemoStep =>
  step(organisationId, { type: 'AcceptPlanPartnership', data: { planId } }, source, on);

export const acceptJointPartnership = (organisationId: string, activityId: string, on: IsoDate, source: Citation): DemoStep =>
  step(organisationId, { type: 'AcceptJointPartnership', data: { activityId } }, source, on);

export const acceptLead = (organisationId: string, actionId: string, on: IsoDate, source: Citation): DemoStep =>
  step(organisationId, { type: 'AcceptActionLead', data: { actionId } }, source, on);

// Engagement activities, findings and decisions.

export type ActivitySpec = Omit<DataOf<'PlanActivity'>, 'window'> & {
  opens: IsoDate;
  /** The last day; the first day when not given. */
  closes?: IsoDate;
  /** Closed on its last day: true where the document shows it has taken place. */
  held: boolean;
  /** Only where the document gives a headcount. */
  participants?: number;
};

/** Planned and opened on its first day; closed on its last day where it has been held (with a headcount only where one is given). */
export function activity(as: string, spec: ActivitySpec, source: Citation): DemoStep[] {
  const { opens, closes = opens, held, participants, ...details } = spec;
  const { activityId } = details;
  return [
    step(as, { type: 'PlanActivity', data: { ...details, window: { opens, closes } } }, source, opens),
    step(as, { type: 'OpenActivity', data: { activityId, openedOn: opens } }, source, opens),
    ...(held ? [step(as, { type: 'CloseActivity', data: { activityId, closedOn: closes, ...(participants === undefined ? {} : { participants }) } }, source, closes)] : []),
  ];
}

/** What people said, in the document's words: the summary is the quotation itself. */
export const finding = (as: string, activityId: string, findingId: string, on: IsoDate, theme: string, source: Citation): DemoStep =>
  step(as, { type: 'RecordFinding', data: { activityId, findingId, theme, summary: quotation(source), feedbackIds: [] } }, source, on);

export const decision = (as: string, data: DataOf<'RecordDecision'>, source: Citation): DemoStep => step(as, { type: 'RecordDecision', data }, source, data.decidedOn);

/** An influence link: its kind always stated, and its rationale in the document's words. */
export const influence = (
  as: string,
  on: IsoDate,
  data: Omit<DataOf<'LinkInfluence'>, 'rationale'> & { influence: DataOf<'LinkInfluence'>['influence'] },
  source: Citation,
): DemoStep => step(as, { type: 'LinkInfluence', data: { ...data, rationale: quotation(source) } }, source, on);
