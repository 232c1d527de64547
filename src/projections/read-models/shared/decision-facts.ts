// A decision's facts and its influence links, event by event, and the organisations' names.

import { definedFields } from '../../entities/corrections.js';
import type { ProjectedEvent } from '../../projection.js';
import type { DecisionFacts, OrganisationFacts } from './engagement-facts.js';

export const decisionEventTypes = ['DecisionRecorded', 'DecisionAmended', 'InfluenceLinked', 'InfluenceLinkWithdrawn'] as const;

export function evolveDecisionFacts(facts: DecisionFacts | undefined, event: ProjectedEvent): DecisionFacts | undefined {
  if (event.type === 'DecisionRecorded') {
    const { decisionId, organisationId, body, decidedOn, reference, title } = event.data;
    return { kind: 'decision', decisionId, organisationId, body, decidedOn, reference: reference ?? null, title, eventId: event.id, links: [] };
  }
  if (!facts) return facts;
  switch (event.type) {
    case 'DecisionAmended': {
      const { body, reference, title } = event.data;
      return { ...facts, ...definedFields({ body, reference, title }) };
    }
    case 'InfluenceLinked': {
      const { linkId, source, influence, rationale, notAdoptedReason } = event.data;
      const findingId = source.kind === 'finding' ? source.findingId : null;
      const link = { linkId, activityId: source.activityId, findingId, influence, rationale, notAdoptedReason: notAdoptedReason ?? null };
      return { ...facts, links: [...facts.links, { ...link, withdrawn: false, eventId: event.id }] };
    }
    case 'InfluenceLinkWithdrawn':
      return { ...facts, links: facts.links.map((l) => (l.linkId === event.data.linkId ? { ...l, withdrawn: true } : l)) };
    default:
      return facts;
  }
}

export const organisationEventTypes = ['OrganisationRegistered', 'OrganisationRenamed'] as const;

export function evolveOrganisationFacts(facts: OrganisationFacts | undefined, event: ProjectedEvent): OrganisationFacts | undefined {
  switch (event.type) {
    case 'OrganisationRegistered':
      return { kind: 'organisation', organisationId: event.data.organisationId, name: event.data.name };
    case 'OrganisationRenamed':
      return facts && { ...facts, name: event.data.name };
    default:
      return facts;
  }
}
