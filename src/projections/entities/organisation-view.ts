// A partner organisation as a reader sees it: its current name and kind, and what it was called before.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';

export interface Renaming {
  from: string;
  to: string;
  reason: string;
}

export interface OrganisationView extends Record<string, unknown> {
  organisationId: string | null;
  name: string | null;
  kind: EventData<'OrganisationRegistered'>['kind'] | null;
  renames: Renaming[];
}

export const emptyOrganisationView: OrganisationView = { organisationId: null, name: null, kind: null, renames: [] };

export function evolveOrganisationView(view: OrganisationView, event: LedgerEvent): OrganisationView {
  switch (event.type) {
    case 'OrganisationRegistered':
      return { ...view, ...event.data };
    case 'OrganisationRenamed': {
      if (view.name === null) return view;
      const renaming = { from: view.name, to: event.data.name, reason: event.data.reason };
      return { ...view, name: event.data.name, renames: [...view.renames, renaming] };
    }
    default:
      return view;
  }
}

export function organisationView(events: readonly LedgerEvent[]): OrganisationView {
  return events.reduce(evolveOrganisationView, emptyOrganisationView);
}
