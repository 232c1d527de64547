// A decision as a reader sees it: as it now reads, the amendments that made it so, and the
// influence links. A withdrawn link stays in the list, marked: an auditor sees what was once claimed.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';
import { definedFields } from './corrections.js';

export type DecisionAmendment = Omit<EventData<'DecisionAmended'>, 'decisionId'>;

export interface InfluenceLink extends Omit<EventData<'InfluenceLinked'>, 'decisionId'> {
  withdrawn: { reason: string } | null;
}

export interface DecisionView extends Record<string, unknown> {
  recorded: EventData<'DecisionRecorded'> | null;
  amendments: DecisionAmendment[];
  influence: InfluenceLink[];
}

export const emptyDecisionView: DecisionView = { recorded: null, amendments: [], influence: [] };

export function evolveDecisionView(view: DecisionView, event: LedgerEvent): DecisionView {
  switch (event.type) {
    case 'DecisionRecorded':
      return { ...view, recorded: event.data };
    case 'DecisionAmended': {
      if (!view.recorded) return view;
      const { decisionId: _decisionId, ...amendment } = event.data;
      const { reason: _reason, ...changes } = amendment;
      return { ...view, recorded: { ...view.recorded, ...definedFields(changes) }, amendments: [...view.amendments, amendment] };
    }
    case 'InfluenceLinked': {
      const { decisionId: _decisionId, ...link } = event.data;
      return { ...view, influence: [...view.influence, { ...link, withdrawn: null }] };
    }
    case 'InfluenceLinkWithdrawn': {
      const { linkId, reason } = event.data;
      return { ...view, influence: view.influence.map((l) => (l.linkId === linkId ? { ...l, withdrawn: { reason } } : l)) };
    }
    default:
      return view;
  }
}

export function decisionView(events: readonly LedgerEvent[]): DecisionView {
  return events.reduce(evolveDecisionView, emptyDecisionView);
}
