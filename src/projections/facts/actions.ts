// The actions projection: each plan action as it now stands (`action:<id>`), by the same reducer
// as the action's own page, with where in the log it was planned (the plan's own order) and the
// decision it carries out, where it names one.

import { emptyActionView, evolveActionView, type ActionView } from '../entities/action-view.js';
import { defineProjection, term } from '../projection.js';

export interface TrackedAction extends ActionView {
  /** The log position it was planned at: actions are listed in the plan's own order. */
  plannedAt: number;
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
  version: 1,
  eventTypes: actionEvents,
  key: (event) => actionKey(event.data.actionId),
  evolve(action, event) {
    const before: TrackedAction = action ?? { ...emptyActionView, plannedAt: event.position, decisionId: null };
    // The action view's reducer spreads what it is given, so plannedAt and decisionId ride along.
    const after = evolveActionView(before, event) as TrackedAction;
    if (event.type === 'ActionPlanned') return { ...after, decisionId: decisionOf(event.data) };
    return after === before ? action : after;
  },
  // Each plan's actions in the order they were planned.
  index: (action) => (action.planned ? [[term('plan', action.planned.planId), String(action.plannedAt).padStart(16, '0')]] : []),
});
