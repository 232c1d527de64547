// A decision as a reader sees it: as it now reads, the amendments that made it so, and the
// influence links. A withdrawn link stays in the list, marked: an auditor sees what was once claimed.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';
import type { DecisionOutcomeKind } from '../../domain/events/decision.js';
import { definedFields } from './corrections.js';

export type DecisionAmendment = Omit<EventData<'DecisionAmended'>, 'decisionId'>;

export interface InfluenceLink extends Omit<EventData<'InfluenceLinked'>, 'decisionId'> {
  withdrawn: { reason: string } | null;
}

export type OutcomeDecided = Omit<EventData<'RecommendationDecided'>, 'decisionId'>;

export interface DecisionView extends Record<string, unknown> {
  /** As recorded, with its corrections; its outcomeKind and decidedOn are those of the record, e.g. the recommendation's. */
  recorded: EventData<'DecisionRecorded'> | null;
  amendments: DecisionAmendment[];
  /** What actually happened, as it now stands: the record's outcome kind and day, or the last RecommendationDecided's. */
  outcomeKind: DecisionOutcomeKind | null;
  decidedOn: string | null;
  /** Each time the body decided the recommendation (or a deferred item), oldest first. */
  decided: OutcomeDecided[];
  influence: InfluenceLink[];
  /** On the public site now. */
  published: boolean;
}

export const emptyDecisionView: DecisionView = { recorded: null, amendments: [], outcomeKind: null, decidedOn: null, decided: [], influence: [], published: false };

export function evolveDecisionView(view: DecisionView, event: LedgerEvent): DecisionView {
  switch (event.type) {
    case 'DecisionRecorded':
      return { ...view, recorded: event.data, outcomeKind: event.data.outcomeKind, decidedOn: event.data.decidedOn };
    case 'DecisionAmended': {
      if (!view.recorded) return view;
      const { decisionId: _decisionId, ...amendment } = event.data;
      const { reason: _reason, ...changes } = amendment;
      // A corrected outcome kind is a correction of the record as it now stands, as in the domain.
      const outcomeKind = changes.outcomeKind ?? view.outcomeKind;
      return { ...view, recorded: { ...view.recorded, ...definedFields(changes) }, amendments: [...view.amendments, amendment], outcomeKind };
    }
    case 'RecommendationDecided': {
      const { decisionId: _decisionId, ...decided } = event.data;
      return { ...view, outcomeKind: decided.outcomeKind, decidedOn: decided.decidedOn, decided: [...view.decided, decided] };
    }
    case 'InfluenceLinked': {
      const { decisionId: _decisionId, ...link } = event.data;
      return { ...view, influence: [...view.influence, { ...link, withdrawn: null }] };
    }
    case 'InfluenceLinkWithdrawn': {
      const { linkId, reason } = event.data;
      return { ...view, influence: view.influence.map((l) => (l.linkId === linkId ? { ...l, withdrawn: { reason } } : l)) };
    }
    case 'DecisionPublished':
    case 'DecisionWithdrawnFromPublication':
      return { ...view, published: event.type === 'DecisionPublished' };
    default:
      return view;
  }
}

export function decisionView(events: readonly LedgerEvent[]): DecisionView {
  return events.reduce(evolveDecisionView, emptyDecisionView);
}
