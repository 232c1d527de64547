// A plan as a reader sees it: what was adopted, and each objective as it now reads, with
// the amendments that made it so and the outcome indicators that measure it.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';
import { definedFields } from './corrections.js';

export type ObjectiveAmendment = Omit<EventData<'ObjectiveAmended'>, 'planId' | 'objectiveId'>;
export type OutcomeIndicator = Omit<EventData<'OutcomeIndicatorAdded'>, 'planId' | 'objectiveId'>;

export interface Objective extends Omit<EventData<'ObjectiveAdded'>, 'planId'> {
  amendments: ObjectiveAmendment[];
  indicators: OutcomeIndicator[];
}

export interface PlanView extends Record<string, unknown> {
  adopted: EventData<'PlanAdopted'> | null;
  objectives: Objective[];
}

export const emptyPlanView: PlanView = { adopted: null, objectives: [] };

function updateObjective(view: PlanView, objectiveId: string, update: (objective: Objective) => Objective): PlanView {
  return { ...view, objectives: view.objectives.map((o) => (o.objectiveId === objectiveId ? update(o) : o)) };
}

export function evolvePlanView(view: PlanView, event: LedgerEvent): PlanView {
  switch (event.type) {
    case 'PlanAdopted':
      return { ...view, adopted: event.data };
    case 'ObjectiveAdded': {
      const { planId: _planId, ...objective } = event.data;
      return { ...view, objectives: [...view.objectives, { ...objective, amendments: [], indicators: [] }] };
    }
    case 'ObjectiveAmended': {
      const { planId: _planId, objectiveId, ...amendment } = event.data;
      const { reason: _reason, ...changes } = amendment;
      return updateObjective(view, objectiveId, (o) => ({ ...o, ...definedFields(changes), amendments: [...o.amendments, amendment] }));
    }
    case 'OutcomeIndicatorAdded': {
      const { planId: _planId, objectiveId, ...indicator } = event.data;
      return updateObjective(view, objectiveId, (o) => ({ ...o, indicators: [...o.indicators, indicator] }));
    }
    default:
      return view;
  }
}

export function planView(events: readonly LedgerEvent[]): PlanView {
  return events.reduce(evolvePlanView, emptyPlanView);
}
