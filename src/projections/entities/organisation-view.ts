// A partner organisation as a reader sees it: its current name and kind, what it was called
// before, a network's members (and who left, when and why), and what replaced it, if anything.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';

export interface Renaming {
  from: string;
  to: string;
  reason: string;
}

export type Member = Omit<EventData<'NetworkMemberAdded'>, 'organisationId'>;
export type FormerMember = Member & Omit<EventData<'NetworkMemberRemoved'>, 'organisationId' | 'memberId'>;

export interface OrganisationView extends Record<string, unknown> {
  organisationId: string | null;
  name: string | null;
  kind: EventData<'OrganisationRegistered'>['kind'] | null;
  renames: Renaming[];
  /** A network's members now, in the order they joined. */
  members: Member[];
  formerMembers: FormerMember[];
  replaced: Omit<EventData<'OrganisationReplaced'>, 'organisationId'> | null;
}

export const emptyOrganisationView: OrganisationView = {
  organisationId: null,
  name: null,
  kind: null,
  renames: [],
  members: [],
  formerMembers: [],
  replaced: null,
};

export function evolveOrganisationView(view: OrganisationView, event: LedgerEvent): OrganisationView {
  switch (event.type) {
    case 'OrganisationRegistered':
      return { ...view, ...event.data };
    case 'OrganisationRenamed': {
      if (view.name === null) return view;
      const renaming = { from: view.name, to: event.data.name, reason: event.data.reason };
      return { ...view, name: event.data.name, renames: [...view.renames, renaming] };
    }
    case 'NetworkMemberAdded': {
      const { organisationId: _organisationId, ...member } = event.data;
      return { ...view, members: [...view.members, member] };
    }
    case 'NetworkMemberRemoved': {
      const { organisationId: _organisationId, memberId, ...leaving } = event.data;
      const member = view.members.find((m) => m.memberId === memberId) ?? { memberId };
      return { ...view, members: view.members.filter((m) => m.memberId !== memberId), formerMembers: [...view.formerMembers, { ...member, ...leaving }] };
    }
    case 'OrganisationReplaced': {
      const { organisationId: _organisationId, ...replaced } = event.data;
      return { ...view, replaced };
    }
    default:
      return view;
  }
}

export function organisationView(events: readonly LedgerEvent[]): OrganisationView {
  return events.reduce(evolveOrganisationView, emptyOrganisationView);
}
