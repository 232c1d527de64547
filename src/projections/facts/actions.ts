// The actions projection: each plan action as it now stands (`action:<id>`), by the same reducer
// as the action's own page, with where in the log it was planned (the plan's own order) and the
// decision it carries out, where it names one.

import { emptyActionView, evolveActionView, type ActionView } from '../entities/action-view.js';
import { defineProjection, term } from '../projection.js';
import { positionSort } from './activities.js';

export interface TrackedAction extends ActionView {
  /** The log position it was planned at: actions are listed in the plan's own order. */
  plannedAt: number;
  /** When the ledger recorded its planning. */
  plannedRecordedAt: string;
  /** The decision it carries out, where its plan says so; null where it names none. */
  decisionId: string | null;
}

export const actionKey = (actionId: string): string => `action:${actionId}`;

/**
 * ActionPlanned may name the decision an action carries out (a newer version of the event); read
 * defensively, so an action planned before it could, or by an older version, names none.
 */
const decisionOf = (data: unknown): string | null => {
  const decisionId = (data as { decisionId?: unknown }).decisionId;
  return typeof decisionId === 'string' ? decisionId : null;
};

const actionEvents = ['ActionPlanned', 'ActionStatusChanged', 'ActionProgressNoted', 'ActionRetimed', 'ActionReassigned', 'ActionReopened'] as const;

export const actions = defineProjection<TrackedAction, (typeof actionEvents)[number]>({
  name: 'actions',
  // 2: when it was planned; found by the decision it carries out.
  version: 2,
  eventTypes: actionEvents,
  key: (event) => actionKey(event.data.actionId),
  evolve(action, event) {
    const before: TrackedAction = action ?? { ...emptyActionView, plannedAt: event.position, plannedRecordedAt: event.metadata.recordedAt, decisionId: null };
    // The action view's reducer spreads what it is given, so plannedAt and decisionId ride along.
    const after = evolveActionView(before, event) as TrackedAction;
    if (event.type === 'ActionPlanned') return { ...after, decisionId: decisionOf(event.data) };
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
