// A plan action as the tracker shows it: the action as it now stands (current lead and timing),
// its status and how it got there, how often its timing moved, its progress notes by date, and
// its dated milestones.

import type { ActionStatus } from '../../domain/events/action.js';
import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';
import { answerListed, fromListed, invite, listed, noInvitations, type Invitee } from '../../domain/invitations.js';
import { definedFields } from './corrections.js';

export type ProgressNote = Omit<EventData<'ActionProgressNoted'>, 'actionId'>;
export type StatusChange = Omit<EventData<'ActionStatusChanged'>, 'actionId'>;
export type Reopening = Omit<EventData<'ActionReopened'>, 'actionId'>;
export type Milestone = Omit<EventData<'ActionMilestoneAdded'>, 'actionId'> & { reachedOn: string | null };

export interface ActionView extends Record<string, unknown> {
  planned: EventData<'ActionPlanned'> | null;
  status: ActionStatus | null;
  /** How often its target date or timescale was amended: a slipping action shows here. */
  retimings: number;
  progress: ProgressNote[];
  statusChanges: StatusChange[];
  reopenings: Reopening[];
  /** Its dated milestones, by due date, each with the day it was reached (null until then). */
  milestones: Milestone[];
  /** Each lead organisation named, invited until its officer accepts or declines. */
  leads: Invitee[];
}

export const emptyActionView: ActionView = { planned: null, status: null, retimings: 0, progress: [], statusChanges: [], reopenings: [], milestones: [], leads: [] };

/** Notes are kept in the order they were noted on: one recorded late (an import, a catch-up) still lands where it belongs. */
function byDate(notes: readonly ProgressNote[], note: ProgressNote): ProgressNote[] {
  const at = notes.findIndex((n) => n.notedOn > note.notedOn);
  return at === -1 ? [...notes, note] : [...notes.slice(0, at), note, ...notes.slice(at)];
}

export function evolveActionView(view: ActionView, event: LedgerEvent): ActionView {
  const { planned } = view;
  switch (event.type) {
    case 'ActionPlanned':
      return { ...view, planned: event.data, status: 'planned', leads: listed(invite(noInvitations, event.data.leadOrganisationIds, event.data.organisationId)) };
    case 'ActionStatusChanged': {
      const { actionId: _actionId, ...change } = event.data;
      return { ...view, status: change.to, statusChanges: [...view.statusChanges, change] };
    }
    case 'ActionProgressNoted': {
      const { actionId: _actionId, ...note } = event.data;
      return { ...view, progress: byDate(view.progress, note) };
    }
    case 'ActionRetimed': {
      if (!planned) return view;
      const { targetDate, timescale } = event.data;
      return { ...view, planned: { ...planned, ...definedFields({ targetDate, timescale }) }, retimings: view.retimings + 1 };
    }
    case 'ActionReassigned': {
      if (!planned) return view;
      const leads = listed(invite(fromListed(view.leads), event.data.leadOrganisationIds, planned.organisationId));
      return { ...view, planned: { ...planned, lead: event.data.lead, leadOrganisationIds: event.data.leadOrganisationIds }, leads };
    }
    case 'ActionLeadAccepted':
    case 'ActionLeadDeclined':
      return { ...view, leads: answerListed(view.leads, event.data.organisationId, event.type === 'ActionLeadAccepted') };
    case 'ActionReopened': {
      const { actionId: _actionId, ...reopening } = event.data;
      // As the domain has it: a reopened action is back in progress.
      return { ...view, status: 'in_progress', reopenings: [...view.reopenings, reopening] };
    }
    case 'ActionMilestoneAdded': {
      const { actionId: _actionId, ...milestone } = event.data;
      const milestones = [...view.milestones, { ...milestone, reachedOn: null }].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
      return { ...view, milestones };
    }
    case 'ActionMilestoneReached': {
      const { milestoneId, reachedOn } = event.data;
      return { ...view, milestones: view.milestones.map((m) => (m.milestoneId === milestoneId ? { ...m, reachedOn } : m)) };
    }
    default:
      return view;
  }
}

export function actionView(events: readonly LedgerEvent[]): ActionView {
  return events.reduce(evolveActionView, emptyActionView);
}
