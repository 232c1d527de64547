// The decisions projection: one row per decision (`decision:<id>`), as amended, with its
// influence links, a withdrawn one kept and marked. Which activities a decision cites is
// here; what those activities are is in the activities projection, joined when a view reads.

import type { EventData } from '../../domain/events/catalogue.js';
import type { DecisionOutcomeKind } from '../../domain/events/decision.js';
import type { IsoDate } from '../../domain/values.js';
import { definedFields } from '../entities/corrections.js';
import { defineProjection, term, type IndexEntry } from '../projection.js';
import { positionSort } from './activities.js';
import type { PublicationFact } from './activity-facts.js';

export interface InfluenceLinkFact {
  linkId: string;
  activityId: string;
  findingId: string | null;
  influence: EventData<'InfluenceLinked'>['influence'];
  rationale: string;
  notAdoptedReason: string | null;
  /** A withdrawn link stays, marked: a view may count what was once claimed. */
  withdrawn: boolean;
  /** The InfluenceLinked event, where and when the ledger recorded it. */
  eventId: string;
  position: number;
  recordedAt: string;
}

export interface DecisionFacts {
  decisionId: string;
  organisationId: string;
  body: string;
  decidedOn: IsoDate;
  reference: string | null;
  title: string;
  /** What the body did, as it now stands (a recommendation until decided), and its words. */
  outcomeKind: DecisionOutcomeKind;
  outcome: string;
  /** The DecisionRecorded event, where and when the ledger recorded it. */
  eventId: string;
  position: number;
  recordedAt: string;
  links: InfluenceLinkFact[];
  /** On the public site: the publication in force, or null. */
  publication: PublicationFact | null;
}

export const decisionKey = (decisionId: string): string => `decision:${decisionId}`;

const decisionEvents = [
  'DecisionRecorded',
  'DecisionAmended',
  'RecommendationDecided',
  'InfluenceLinked',
  'InfluenceLinkWithdrawn',
  'DecisionPublished',
  'DecisionWithdrawnFromPublication',
] as const;

export const decisions = defineProjection<DecisionFacts, (typeof decisionEvents)[number]>({
  name: 'decisions',
  // 2: outcome and its kind (recommendations decided), positions and times, publication.
  version: 2,
  eventTypes: decisionEvents,
  key: (event) => decisionKey(event.data.decisionId),
  evolve(facts, event) {
    if (event.type === 'DecisionRecorded') {
      const { decisionId, organisationId, body, decidedOn, reference, title, outcome, outcomeKind } = event.data;
      const recorded = { eventId: event.id, position: event.position, recordedAt: event.metadata.recordedAt };
      return { decisionId, organisationId, body, decidedOn, reference: reference ?? null, title, outcome, outcomeKind, ...recorded, links: [], publication: null };
    }
    if (!facts) return facts;
    switch (event.type) {
      case 'DecisionAmended': {
        const { body, reference, title, outcome, outcomeKind } = event.data;
        return { ...facts, ...definedFields({ body, reference, title, outcome, outcomeKind }) };
      }
      case 'RecommendationDecided': {
        // From now on it reads as what the body did, on the day it did it (as the domain has it).
        const { outcomeKind, decidedOn, body, reference, outcome } = event.data;
        return { ...facts, outcomeKind, decidedOn, ...definedFields({ body, reference, outcome }) };
      }
      case 'InfluenceLinked': {
        const { linkId, source, influence, rationale, notAdoptedReason } = event.data;
        const findingId = source.kind === 'finding' ? source.findingId : null;
        const link = { linkId, activityId: source.activityId, findingId, influence, rationale, notAdoptedReason: notAdoptedReason ?? null };
        return { ...facts, links: [...facts.links, { ...link, withdrawn: false, eventId: event.id, position: event.position, recordedAt: event.metadata.recordedAt }] };
      }
      case 'InfluenceLinkWithdrawn':
        return { ...facts, links: facts.links.map((l) => (l.linkId === event.data.linkId ? { ...l, withdrawn: true } : l)) };
      case 'DecisionPublished':
        return { ...facts, publication: { eventId: event.id, position: event.position, at: event.metadata.recordedAt } };
      case 'DecisionWithdrawnFromPublication':
        return { ...facts, publication: null };
    }
  },
  // In the order decisions were taken: all of them, by deciding organisation, and by each activity a live link cites.
  index: (d) => [
    ['all', d.decidedOn],
    [term('organisation', d.organisationId), d.decidedOn],
    ...[...new Set(liveLinks(d).map((l) => l.activityId))].map((activityId): [string, string] => [term('cites', activityId), d.decidedOn]),
    ...publicIndex(d),
  ],
});

/**
 * Where the public site finds a published decision (none while unpublished): all of them and by
 * organisation in the order taken, by each activity a live link cites, by when it was published,
 * and the log positions of what it shows (the decision and its live links).
 */
function publicIndex(d: DecisionFacts): IndexEntry[] {
  if (d.publication === null) return [];
  const links = liveLinks(d);
  return [
    ['public', d.decidedOn],
    [term('public-organisation', d.organisationId), d.decidedOn],
    ['public-published', positionSort(d.publication.position)],
    ...[...new Set(links.map((l) => l.activityId))].map((activityId): IndexEntry => [term('public-cites', activityId), d.decidedOn]),
    [term('public-at', positionSort(d.position)), ''],
    ...links.map((l): IndexEntry => [term('public-at', positionSort(l.position)), '']),
  ];
}

/** Links not withdrawn: what a decision still says fed it. */
export function liveLinks(decision: DecisionFacts): InfluenceLinkFact[] {
  return decision.links.filter((l) => !l.withdrawn);
}
