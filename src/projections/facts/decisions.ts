// The decisions projection: one row per decision (`decision:<id>`), as amended, with its
// influence links, a withdrawn one kept and marked. Which activities a decision cites is
// here; what those activities are is in the activities projection, joined when a view reads.

import type { EventData } from '../../domain/events/catalogue.js';
import type { IsoDate } from '../../domain/values.js';
import { definedFields } from '../entities/corrections.js';
import { defineProjection, term } from '../projection.js';

export interface InfluenceLinkFact {
  linkId: string;
  activityId: string;
  findingId: string | null;
  influence: EventData<'InfluenceLinked'>['influence'];
  rationale: string;
  notAdoptedReason: string | null;
  /** A withdrawn link stays, marked: a view may count what was once claimed. */
  withdrawn: boolean;
  /** The InfluenceLinked event. */
  eventId: string;
}

export interface DecisionFacts {
  decisionId: string;
  organisationId: string;
  body: string;
  decidedOn: IsoDate;
  reference: string | null;
  title: string;
  /** The DecisionRecorded event. */
  eventId: string;
  links: InfluenceLinkFact[];
}

export const decisionKey = (decisionId: string): string => `decision:${decisionId}`;

export const decisions = defineProjection<DecisionFacts, 'DecisionRecorded' | 'DecisionAmended' | 'InfluenceLinked' | 'InfluenceLinkWithdrawn'>({
  name: 'decisions',
  version: 1,
  eventTypes: ['DecisionRecorded', 'DecisionAmended', 'InfluenceLinked', 'InfluenceLinkWithdrawn'],
  key: (event) => decisionKey(event.data.decisionId),
  evolve(facts, event) {
    if (event.type === 'DecisionRecorded') {
      const { decisionId, organisationId, body, decidedOn, reference, title } = event.data;
      return { decisionId, organisationId, body, decidedOn, reference: reference ?? null, title, eventId: event.id, links: [] };
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
    }
  },
  // In the order decisions were taken: all of them, by deciding organisation, and by each activity a live link cites.
  index: (d) => [
    ['all', d.decidedOn],
    [term('organisation', d.organisationId), d.decidedOn],
    ...[...new Set(liveLinks(d).map((l) => l.activityId))].map((activityId): [string, string] => [term('cites', activityId), d.decidedOn]),
  ],
});

/** Links not withdrawn: what a decision still says fed it. */
export function liveLinks(decision: DecisionFacts): InfluenceLinkFact[] {
  return decision.links.filter((l) => !l.withdrawn);
}
