// A plan as a reader sees it: where it stands (draft, proposed, adopted, superseded and by
// what), what was drafted and adopted, each objective as it now reads, with the amendments that
// made it so and the outcome indicators that measure it, and the resources and risks it names.

import type { EventData, LedgerEvent } from '../../domain/events/catalogue.js';
import type { PlanStatus } from '../../domain/events/plan.js';
import { answerListed, fromListed, invite, listed, type Invitee } from '../../domain/invitations.js';
import { definedFields } from './corrections.js';

export type ObjectiveAmendment = Omit<EventData<'ObjectiveAmended'>, 'planId' | 'objectiveId'>;
export type OutcomeIndicator = Omit<EventData<'OutcomeIndicatorAdded'>, 'planId' | 'objectiveId'>;

export interface Objective extends Omit<EventData<'ObjectiveAdded'>, 'planId'> {
  amendments: ObjectiveAmendment[];
  indicators: OutcomeIndicator[];
}

export type PlanResource = Omit<EventData<'PlanResourceAdded'>, 'planId'>;
export type PlanRisk = Omit<EventData<'PlanRiskIdentified'>, 'planId'>;

export interface PlanView extends Record<string, unknown> {
  status: PlanStatus | null;
  drafted: EventData<'PlanDrafted'> | null;
  proposed: Omit<EventData<'PlanProposed'>, 'planId'> | null;
  adopted: EventData<'PlanAdopted'> | null;
  superseded: Omit<EventData<'PlanSuperseded'>, 'planId'> | null;
  objectives: Objective[];
  resources: PlanResource[];
  /** The sum of the resources' amounts, in pence; null when no item gives one. */
  totalPence: number | null;
  risks: PlanRisk[];
  /** Each partner named, invited until its officer accepts or declines. */
  partners: Invitee[];
}

export const emptyPlanView: PlanView = {
  status: null,
  drafted: null,
  proposed: null,
  adopted: null,
  superseded: null,
  objectives: [],
  resources: [],
  totalPence: null,
  risks: [],
  partners: [],
};

/** The partners a drafted or adopted plan names; those who answered a draft keep their answers. */
function named(view: PlanView, data: EventData<'PlanDrafted'> | EventData<'PlanAdopted'>): Invitee[] {
  return listed(invite(fromListed(view.partners), data.partnerIds, data.organisationId));
}

function updateObjective(view: PlanView, objectiveId: string, update: (objective: Objective) => Objective): PlanView {
  return { ...view, objectives: view.objectives.map((o) => (o.objectiveId === objectiveId ? update(o) : o)) };
}

export function evolvePlanView(view: PlanView, event: LedgerEvent): PlanView {
  switch (event.type) {
    case 'PlanDrafted':
      return { ...view, status: 'draft', drafted: event.data, partners: named(view, event.data) };
    case 'PlanProposed': {
      const { planId: _planId, ...proposed } = event.data;
      return { ...view, status: 'proposed', proposed };
    }
    case 'PlanAdopted':
      return { ...view, status: 'adopted', adopted: event.data, partners: named(view, event.data) };
    case 'PlanPartnershipAccepted':
    case 'PlanPartnershipDeclined':
      return { ...view, partners: answerListed(view.partners, event.data.organisationId, event.type === 'PlanPartnershipAccepted') };
    case 'PlanSuperseded': {
      const { planId: _planId, ...superseded } = event.data;
      return { ...view, status: 'superseded', superseded };
    }
    case 'PlanResourceAdded': {
      const { planId: _planId, ...resource } = event.data;
      const totalPence = resource.amountPence === undefined ? view.totalPence : (view.totalPence ?? 0) + resource.amountPence;
      return { ...view, resources: [...view.resources, resource], totalPence };
    }
    case 'PlanRiskIdentified': {
      const { planId: _planId, ...risk } = event.data;
      return { ...view, risks: [...view.risks, risk] };
    }
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
