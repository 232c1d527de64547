// The decisions projection: one row per decision (`decision:<id>`), as amended, with what the body
// did (its outcome kind) and on which day, each outcome in turn (a recommendation, then what the
// body decided), and its influence links, a withdrawn one kept and marked. Which activities a
// decision cites is here; what those activities are is in the activities projection, joined when
// a view reads.

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

/** One outcome of the item: as recorded, then each time the body decided it. */
export interface OutcomeFact {
  outcomeKind: DecisionOutcomeKind;
  on: IsoDate;
  /** The DecisionRecorded or RecommendationDecided event that shows it. */
  eventId: string;
}

export interface DecisionFacts {
  decisionId: string;
  organisationId: string;
  /** The body that dealt with it last: the one a recommendation was put to, or the one that decided it. */
  body: string;
  /** The day of what last happened: the recommendation's, until the body decides it; then the day it decided. */
  decidedOn: IsoDate;
  reference: string | null;
  title: string;
  /** What the body did, as it now stands: `recommended` until it decides, `not_stated` for a record that never said. */
  outcomeKind: DecisionOutcomeKind;
  /** Each outcome in turn, oldest first; the last is the one in force. */
  outcomes: OutcomeFact[];
  /** The outcome in the record's words, as last recorded, amended or decided. */
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

/**
 * The body took a decision: approved, noted or rejected it, or the record (from before outcome
 * kinds) calls it a decision without saying which. Recommendations not yet decided, items deferred
 * and items only discussed decide nothing.
 */
export const decisionMade = (kind: DecisionOutcomeKind): boolean => kind === 'approved' || kind === 'noted' || kind === 'rejected' || kind === 'not_stated';

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
  // 3: its outcome's words, positions and times, publication (2: outcome kinds and recommendations decided).
  version: 3,
  eventTypes: decisionEvents,
  key: (event) => decisionKey(event.data.decisionId),
  evolve(facts, event) {
    if (event.type === 'DecisionRecorded') {
      const { decisionId, organisationId, body, decidedOn, reference, title, outcomeKind, outcome } = event.data;
      const outcomes = [{ outcomeKind, on: decidedOn, eventId: event.id }];
      const recorded = { eventId: event.id, position: event.position, recordedAt: event.metadata.recordedAt };
      return { decisionId, organisationId, body, decidedOn, reference: reference ?? null, title, outcomeKind, outcomes, outcome, ...recorded, links: [], publication: null };
    }
    if (!facts) return facts;
    switch (event.type) {
      case 'DecisionAmended': {
        const { body, reference, title, outcomeKind, outcome } = event.data;
        // A corrected outcome kind corrects the outcome in force, as the decision's own view reads it.
        const outcomes = outcomeKind === undefined ? facts.outcomes : facts.outcomes.map((o, i, all) => (i === all.length - 1 ? { ...o, outcomeKind } : o));
        return { ...facts, ...definedFields({ body, reference, title, outcomeKind, outcome }), outcomes };
      }
      case 'RecommendationDecided': {
        const { outcomeKind, decidedOn, body, reference, outcome } = event.data;
        const outcomes = [...facts.outcomes, { outcomeKind, on: decidedOn, eventId: event.id }];
        return { ...facts, ...definedFields({ body, reference, outcome }), outcomeKind, decidedOn, outcomes };
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
  // In the order decisions were taken: all of them, by deciding organisation, by each activity a
  // live link cites, and (once the body decided) by each activity it took into account.
  index(d) {
    const cited = [...new Set(liveLinks(d).map((l) => l.activityId))];
    return [
      ['all', d.decidedOn],
      [term('organisation', d.organisationId), d.decidedOn],
      ...cited.map((activityId): IndexEntry => [term('cites', activityId), d.decidedOn]),
      ...(decisionMade(d.outcomeKind) ? cited.map((activityId): IndexEntry => [term('decision-cites', activityId), d.decidedOn]) : []),
      ...publicIndex(d),
    ];
  },
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

/** The outcome in force: what the body did, and the event that shows it. */
export const outcomeInForce = (decision: DecisionFacts): OutcomeFact => decision.outcomes[decision.outcomes.length - 1] as OutcomeFact;

/** Links not withdrawn: what a decision still says fed it. */
export function liveLinks(decision: DecisionFacts): InfluenceLinkFact[] {
  return decision.links.filter((l) => !l.withdrawn);
}
