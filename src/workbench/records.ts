// The records an officer keeps, each the stream of one aggregate: a consultation or other activity,
// a decision, a plan, an action, a health-check return, a VOiCE evaluation. For each: where it
// lives in the workbench, the command that starts one, who may act on it (as the domain's own
// deciders say, so an officer never sees another organisation's forms), and how it reads.
// Every other command of its aggregate is a form on its page, found in the domain's catalogue.

import type { Actor } from '../domain/actor.js';
import { actionDecider, actionOwners } from '../domain/aggregates/action.js';
import { activityDecider, activityOwners } from '../domain/aggregates/activity.js';
import { decisionDecider } from '../domain/aggregates/decision.js';
import { aggregates } from '../domain/aggregates/index.js';
import { planDecider } from '../domain/aggregates/plan.js';
import { fold } from '../domain/decider.js';
import type { LedgerEvent } from '../domain/events/catalogue.js';
import { actionView } from '../projections/entities/action-view.js';
import { activityView } from '../projections/entities/activity-view.js';
import { decisionView } from '../projections/entities/decision-view.js';
import { healthCheckSubmissionView } from '../projections/entities/health-check-submission-view.js';
import { planView } from '../projections/entities/plan-view.js';
import { voiceEvaluationView } from '../projections/entities/voice-view.js';

export interface RecordKind {
  /** In the workbench's paths: /workbench/<path>/<id>. */
  path: string;
  /** The domain aggregate whose stream the record is. */
  aggregate: string;
  /** "a consultation or activity" */
  noun: string;
  /** The field of every command that names the record. */
  idField: string;
  /** The command that starts one. */
  creates: string;
  /** The starting command names a record that exists already (a health-check cycle) rather than a new id the form makes. */
  namesExisting?: true;
  /** The organisations whose officers may act on it, as its aggregate's decider sees its events. */
  owners(events: readonly LedgerEvent[], actor: Actor): readonly string[];
  /** What it says now (an entity view), for its page. */
  view(events: readonly LedgerEvent[]): Record<string, unknown>;
  /** Its title, from its view. */
  title(view: Record<string, unknown>, id: string): string;
}

type Shown = Record<string, unknown>;
const field = (view: Shown, ...path: string[]): unknown => path.reduce<unknown>((at, key) => (at as Shown | null | undefined)?.[key], view);
const titled = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
/** The organisation a record-once event names in its data (a VOiCE evaluation). */
const recordedBy = (events: readonly LedgerEvent[]): string[] => {
  const data = events[0]?.data as { organisationId?: unknown } | undefined;
  return typeof data?.organisationId === 'string' ? [data.organisationId] : [];
};

export const recordKinds: readonly RecordKind[] = [
  {
    path: 'activities',
    aggregate: 'activity',
    noun: 'consultation or activity',
    idField: 'activityId',
    creates: 'PlanActivity',
    owners: (events) => activityOwners(fold(activityDecider, events)),
    view: (events) => activityView(events),
    title: (view, id) => titled(field(view, 'planned', 'title'), `Activity ${id}`),
  },
  {
    path: 'decisions',
    aggregate: 'decision',
    noun: 'decision',
    idField: 'decisionId',
    creates: 'RecordDecision',
    owners: (events) => {
      const state = fold(decisionDecider, events);
      return state.organisationId ? [state.organisationId] : [];
    },
    view: (events) => decisionView(events),
    title: (view, id) => titled(field(view, 'recorded', 'title'), `Decision ${id}`),
  },
  {
    path: 'plans',
    aggregate: 'plan',
    noun: 'plan',
    idField: 'planId',
    creates: 'AdoptPlan',
    owners: (events) => fold(planDecider, events).owners,
    view: (events) => planView(events),
    title: (view, id) => titled(field(view, 'adopted', 'title'), `Plan ${id}`),
  },
  {
    path: 'actions',
    aggregate: 'action',
    noun: 'action',
    idField: 'actionId',
    creates: 'PlanAction',
    owners: (events) => actionOwners(fold(actionDecider, events)),
    view: (events) => actionView(events),
    title: (view, id) => titled(field(view, 'planned', 'what'), `Action ${id}`).split('\n')[0]?.slice(0, 120) ?? `Action ${id}`,
  },
  {
    // An organisation's returns to one health-check cycle: the stream is named for the officer's
    // own organisation, so it is always theirs.
    path: 'health-checks',
    aggregate: 'health-check',
    noun: 'health-check return',
    idField: 'cycleId',
    creates: 'SubmitHealthCheck',
    namesExisting: true,
    owners: (_events, actor) => (actor.organisationId ? [actor.organisationId] : []),
    view: (events) => healthCheckSubmissionView(events),
    title: (_view, id) => `Health-check return to cycle ${id}`,
  },
  {
    path: 'voice-evaluations',
    aggregate: 'voice',
    noun: 'VOiCE evaluation',
    idField: 'evaluationId',
    creates: 'RecordVoiceEvaluation',
    owners: (events) => recordedBy(events),
    view: (events) => voiceEvaluationView(events),
    title: (_view, id) => `VOiCE evaluation ${id}`,
  },
];

export function recordKind(path: string): RecordKind | undefined {
  return recordKinds.find((kind) => kind.path === path);
}

/** The aggregate of a record kind, from the domain's list (the command handler's own). */
export function aggregateOf(kind: RecordKind) {
  const found = aggregates.find((a) => a.name === kind.aggregate);
  if (!found) throw new Error(`the domain has no aggregate ${kind.aggregate}`);
  return found;
}

/** The stream a record lives in, as the aggregate names it (a health-check return's is named for the actor's organisation). */
export function streamOf(kind: RecordKind, id: string, actor: Actor): string {
  return aggregateOf(kind).streamId({ type: kind.creates, data: { [kind.idField]: id } }, actor);
}
