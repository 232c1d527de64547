// The event catalogue: every event the ledger records, in one place.

import type { z } from 'zod';
import { asStored } from '../as-stored.js';
import * as action from './action.js';
import * as activity from './activity.js';
import * as decision from './decision.js';
import type { EventDefinition, EventOf } from './define.js';
import * as healthCheck from './health-check.js';
import * as organisation from './organisation.js';
import * as plan from './plan.js';
import * as publication from './publication.js';
import * as subject from './subject.js';
import { upcasters } from './upcasters.js';
import * as voice from './voice.js';

export const eventDefinitions = [
  organisation.OrganisationRegistered,
  organisation.OrganisationRenamed,
  organisation.NetworkMemberAdded,
  organisation.NetworkMemberRemoved,
  organisation.OrganisationReplaced,
  organisation.AreaDefined,
  organisation.CommunityOfInterestDefined,
  plan.PlanDrafted,
  plan.PlanProposed,
  plan.PlanAdopted,
  plan.PlanSuperseded,
  plan.PlanResourceAdded,
  plan.PlanRiskIdentified,
  plan.PlanPartnershipAccepted,
  plan.PlanPartnershipDeclined,
  plan.ObjectiveAdded,
  plan.ObjectiveAmended,
  plan.OutcomeIndicatorAdded,
  activity.ActivityPlanned,
  activity.ActivityDetailsAmended,
  activity.ActivityRescheduled,
  activity.ActivityDocumentPublished,
  activity.ActivityOpened,
  activity.ActivityClosed,
  activity.ActivityCancelled,
  activity.FeedbackReceived,
  activity.FeedbackRedacted,
  activity.FindingRecorded,
  activity.FindingAmended,
  activity.FindingWithdrawn,
  activity.FeedbackGivenToParticipants,
  activity.JointPartnershipAccepted,
  activity.JointPartnershipDeclined,
  publication.ActivityPublished,
  publication.ActivityWithdrawnFromPublication,
  publication.FindingMarkedInternal,
  publication.FindingMarkedPublic,
  decision.DecisionRecorded,
  decision.DecisionAmended,
  decision.RecommendationDecided,
  decision.InfluenceLinked,
  decision.InfluenceLinkWithdrawn,
  publication.DecisionPublished,
  publication.DecisionWithdrawnFromPublication,
  action.ActionPlanned,
  action.ActionStatusChanged,
  action.ActionProgressNoted,
  action.ActionRetimed,
  action.ActionReassigned,
  action.ActionReopened,
  action.ActionMilestoneAdded,
  action.ActionMilestoneReached,
  action.ActionLeadAccepted,
  action.ActionLeadDeclined,
  healthCheck.HealthCheckCycleOpened,
  healthCheck.HealthCheckSubmitted,
  voice.VoiceEvaluationRecorded,
  subject.SubjectErased,
] as const;

export type LedgerEvent = EventOf<(typeof eventDefinitions)[number]>;
export type LedgerEventType = LedgerEvent['type'];
export type EventOfType<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;
export type EventData<T extends LedgerEventType> = EventOfType<T>['data'];

const byType: ReadonlyMap<string, EventDefinition> = new Map(eventDefinitions.map((d) => [d.type, d]));

export function currentVersion(type: LedgerEventType): number {
  return (byType.get(type) as EventDefinition).version;
}

export class UnreadableEvent extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`cannot read ${type} v${version}: ${reason}`);
    this.name = 'UnreadableEvent';
  }
}

/** Parse data of a known version as the current version of its type. */
function parseEvent(type: string, version: number, data: unknown): LedgerEvent {
  const definition = byType.get(type);
  if (!definition) throw new UnreadableEvent(type, version, 'unknown event type');
  if (version > definition.version) throw new UnreadableEvent(type, version, `newer than this ledger (v${definition.version})`);
  const current = upcasters.upcast(type, version, definition.version, data);
  const parsed = (definition.schema as z.ZodType).safeParse(current);
  if (!parsed.success) throw new UnreadableEvent(type, version, parsed.error.message);
  return { type, data: parsed.data } as LedgerEvent;
}

/**
 * Read a stored event of any known version as the current version of its type. Its shape is
 * checked, but not the rules for new input (a date's range, forbidden characters): an event in
 * the log is evidence as it was recorded and always reads (as-stored.ts).
 */
export function readEvent(type: string, version: number, data: unknown): LedgerEvent {
  return asStored(() => parseEvent(type, version, data));
}

/**
 * Read a stored event quickly: events were validated against their schema before they
 * were appended, so one at the current version is taken as it is; older ones are upcast
 * and checked. Projections replaying millions of events use this.
 */
export function readStoredEvent(type: string, version: number, data: unknown): LedgerEvent {
  const definition = byType.get(type);
  if (definition && version === definition.version) return { type, data } as LedgerEvent;
  return readEvent(type, version, data);
}

/** Check an event the domain produced against its schema, with every rule for new input, before it is stored. */
export function validateEvent<E extends LedgerEvent>(event: E): E {
  return parseEvent(event.type, currentVersion(event.type), event.data) as E;
}
