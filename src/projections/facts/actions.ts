// The actions projection: each plan action as it now stands (`action:<id>`), by the same reducer
// as the action's own page (its leads and where each invitation stands, its milestones), with
// where in the log it was planned (the plan's own order) and the decision it carries out, where
// it names one.

import { emptyActionView, evolveActionView, type ActionView } from '../entities/action-view.js';
import { defineProjection, term } from '../projection.js';
import { positionSort } from './activities.js';

export interface TrackedAction extends ActionView {
  /** The log position it was planned at: actions are listed in the plan's own order. */
  plannedAt: number;
  /** When the ledger recorded its planning. */
  plannedRecordedAt: string;
  /** The decision it carries out, where its plan says so (ActionPlanned v2); null where it names none. */
  decisionId: string | null;
}

export const actionKey = (actionId: string): string => `action:${actionId}`;

const actionEvents = [
  'ActionPlanned',
  'ActionStatusChanged',
  'ActionProgressNoted',
  'ActionRetimed',
  'ActionReassigned',
  'ActionReopened',
  'ActionMilestoneAdded',
  'ActionMilestoneReached',
  'ActionLeadAccepted',
  'ActionLeadDeclined',
] as const;

export const actions = defineProjection<TrackedAction, (typeof actionEvents)[number]>({
  name: 'actions',
  // 3: when it was planned; found by the decision it carries out (the public site's "we did").
  version: 3,
  eventTypes: actionEvents,
  key: (event) => actionKey(event.data.actionId),
  evolve(action, event) {
    const before: TrackedAction = action ?? { ...emptyActionView, plannedAt: event.position, plannedRecordedAt: event.metadata.recordedAt, decisionId: null };
    // The action view's reducer spreads what it is given, so plannedAt and decisionId ride along.
    const after = evolveActionView(before, event) as TrackedAction;
    if (event.type === 'ActionPlanned') return { ...after, decisionId: event.data.decisionId ?? null };
    return after === before ? action : after;
  },
  // Each plan's actions in the order they were planned, and each decision's ("we did": the public site).
  index: (action) =>
    action.planned
      ? [
          [term('plan', action.planned.planId), positionSort(action.plannedAt)],
          ...(action.decisionId === null ? [] : [[term('decision', action.decisionId), positionSort(action.plannedAt)] as const, [term('at', positionSort(action.plannedAt)), ''] as const]),
        ]
      : [],
});
