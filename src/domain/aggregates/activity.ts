// An engagement activity with its feedback, findings and feedback to participants.

import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import { ownEvents, unreachable, type Decider } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { IdSet } from '../id-set.js';
import { acceptedOf, answer, assertMayAnswer, invite, noInvitations, type Invitations } from '../invitations.js';
import { feedbackSealContext, isSealed, type PersonalField } from '../personal-data.js';
import type { DateWindow, EngagementCategory, IsoDate } from '../values.js';
import { activityCommand, type ActivityCommand } from './activity-commands.js';
import { activityContext, assertAttachable, type ActivityContext } from './activity-attachments.js';
import {
  activityPublicationEventTypes,
  decideActivityPublication,
  evolveActivityPublication,
  unpublishedActivity,
  type ActivityPublication,
} from './publication.js';
import { activityStream } from './streams.js';

export { activityCommand, MAX_FEEDBACK_BATCH, type ActivityCommand } from './activity-commands.js';

const activityEventTypes = [
  'ActivityPlanned',
  'ActivityDetailsAmended',
  'ActivityRescheduled',
  'ActivityDocumentPublished',
  'ActivityOpened',
  'ActivityClosed',
  'ActivityCancelled',
  'FeedbackReceived',
  'FeedbackRedacted',
  'FindingRecorded',
  'FindingAmended',
  'FindingWithdrawn',
  'FeedbackGivenToParticipants',
  'JointPartnershipAccepted',
  'JointPartnershipDeclined',
  ...activityPublicationEventTypes,
] as const;
type ActivityEvent = EventOfType<(typeof activityEventTypes)[number]>;
const isActivityEvent = ownEvents(activityEventTypes);

export type ActivityStatus = 'none' | 'planned' | 'open' | 'closed' | 'cancelled';

export interface ActivityState {
  status: ActivityStatus;
  activityId: string | null;
  organisationId: string | null;
  /** The joint partners it names, each invited until its officer answers. */
  partners: Invitations;
  planId: string | null;
  category: EngagementCategory | null;
  window: DateWindow | null;
  openedOn: IsoDate | null;
  closedOn: IsoDate | null;
  feedbackIds: IdSet;
  /** Finding id -> withdrawn? */
  findings: ReadonlyMap<string, { withdrawn: boolean }>;
  participantsTold: boolean;
  /** Whether it is public, and which of its findings are kept internal. */
  publication: ActivityPublication;
}

export const initialActivityState: ActivityState = {
  status: 'none',
  activityId: null,
  organisationId: null,
  partners: noInvitations,
  planId: null,
  category: null,
  window: null,
  openedOn: null,
  closedOn: null,
  feedbackIds: IdSet.empty,
  findings: new Map(),
  participantsTold: false,
  publication: unpublishedActivity,
};

/** The organisations that may record against an activity: its own, and the joint partners that accepted. */
export function activityOwners(state: ActivityState): string[] {
  return state.organisationId ? [state.organisationId, ...acceptedOf(state.partners)] : [];
}

function assertExists(state: ActivityState, activityId: string): void {
  rule(state.status !== 'none', 'ACTIVITY_NOT_FOUND', `activity ${activityId} does not exist`, { activityId });
}

function assertWindow(window: DateWindow): void {
  rule(window.opens <= window.closes, 'ACTIVITY_WINDOW_INVALID', 'an activity cannot close before it opens', { window });
}

function assertHasOpened(state: ActivityState, activityId: string, on?: IsoDate): void {
  rule(
    state.openedOn !== null && (on === undefined || state.openedOn <= on),
    'ACTIVITY_NOT_OPENED',
    on ? `activity ${activityId} had not opened on ${on}` : `activity ${activityId} has not opened`,
    { activityId, openedOn: state.openedOn, on },
  );
}

function assertNotFinished(state: ActivityState, activityId: string): void {
  rule(state.status !== 'closed', 'ACTIVITY_ALREADY_CLOSED', `activity ${activityId} has closed`, { activityId, closedOn: state.closedOn });
  rule(state.status !== 'cancelled', 'ACTIVITY_CANCELLED', `activity ${activityId} was cancelled`, { activityId });
}

function assertFindingLive(state: ActivityState, activityId: string, findingId: string): void {
  const finding = state.findings.get(findingId);
  rule(finding !== undefined, 'FINDING_NOT_FOUND', `activity ${activityId} has no finding ${findingId}`, { activityId, findingId });
  rule(!finding.withdrawn, 'FINDING_WITHDRAWN', `finding ${findingId} was withdrawn`, { activityId, findingId });
}

function assertFeedbackKnown(state: ActivityState, activityId: string, feedbackIds: readonly string[]): void {
  const unknown = feedbackIds.filter((id) => !state.feedbackIds.has(id));
  rule(unknown.length === 0, 'FINDING_CITES_UNKNOWN_FEEDBACK', 'a finding may summarise only feedback recorded for its activity', {
    activityId,
    unknown,
  });
}

function decide(command: ActivityCommand, state: ActivityState, context: ActivityContext): ActivityEvent[] {
  const { actor } = context;
  const { activityId } = command.data;
  if (command.type === 'PlanActivity') {
    const organisationId = assertMayRecord(actor);
    assertAttachable(command, state, context);
    rule(state.status === 'none', 'ACTIVITY_ALREADY_EXISTS', `activity ${activityId} already exists`, { activityId });
    assertWindow(command.data.window);
    return [{ type: 'ActivityPlanned', data: { ...command.data, organisationId } }];
  }
  assertExists(state, activityId);
  if (command.type === 'AcceptJointPartnership' || command.type === 'DeclineJointPartnership') {
    const organisationId = assertMayAnswer(actor, state.partners, `activity ${activityId}`);
    return command.type === 'AcceptJointPartnership'
      ? [{ type: 'JointPartnershipAccepted', data: { ...command.data, organisationId } }]
      : [{ type: 'JointPartnershipDeclined', data: { ...command.data, organisationId } }];
  }
  switch (command.type) {
    case 'PublishActivity':
    case 'WithdrawActivityFromPublication':
    case 'MarkFindingInternal':
    case 'MarkFindingPublic': {
      const { organisationId, findings, publication } = state;
      return decideActivityPublication(command, { activityId, organisationId, cancelled: state.status === 'cancelled', findings, publication }, actor);
    }
  }
  assertMayRecord(actor, activityOwners(state));
  assertAttachable(command, state, context);
  switch (command.type) {
    case 'AmendActivityDetails':
      return [{ type: 'ActivityDetailsAmended', data: command.data }];
    case 'RescheduleActivity':
      assertNotFinished(state, activityId);
      assertWindow(command.data.window);
      return [{ type: 'ActivityRescheduled', data: command.data }];
    case 'PublishActivityDocument':
      return [{ type: 'ActivityDocumentPublished', data: command.data }];
    case 'OpenActivity':
      assertNotFinished(state, activityId);
      rule(state.status === 'planned', 'ACTIVITY_ALREADY_OPEN', `activity ${activityId} is already open`, { activityId });
      return [{ type: 'ActivityOpened', data: command.data }];
    case 'CloseActivity':
      rule(state.status !== 'closed', 'ACTIVITY_ALREADY_CLOSED', `activity ${activityId} closes once; it closed on ${state.closedOn}`, {
        activityId,
        closedOn: state.closedOn,
      });
      rule(state.status !== 'cancelled', 'ACTIVITY_CANCELLED', `activity ${activityId} was cancelled`, { activityId });
      assertHasOpened(state, activityId, command.data.closedOn);
      return [{ type: 'ActivityClosed', data: command.data }];
    case 'CancelActivity':
      assertNotFinished(state, activityId);
      return [{ type: 'ActivityCancelled', data: command.data }];
    case 'RecordFeedback':
      return recordFeedback(command.data.activityId, command.data.responses, state);
    case 'RedactFeedback':
      rule(state.feedbackIds.has(command.data.feedbackId), 'FEEDBACK_NOT_FOUND', `activity ${activityId} has no feedback ${command.data.feedbackId}`, {
        activityId,
        feedbackId: command.data.feedbackId,
      });
      return [{ type: 'FeedbackRedacted', data: command.data }];
    case 'RecordFinding':
      assertHasOpened(state, activityId);
      rule(!state.findings.has(command.data.findingId), 'FINDING_ALREADY_RECORDED', `finding ${command.data.findingId} already exists`, {
        activityId,
        findingId: command.data.findingId,
      });
      assertFeedbackKnown(state, activityId, command.data.feedbackIds);
      return [{ type: 'FindingRecorded', data: command.data }];
    case 'AmendFinding':
      assertFindingLive(state, activityId, command.data.findingId);
      assertFeedbackKnown(state, activityId, command.data.feedbackIds ?? []);
      return [{ type: 'FindingAmended', data: command.data }];
    case 'WithdrawFinding':
      assertFindingLive(state, activityId, command.data.findingId);
      return [{ type: 'FindingWithdrawn', data: command.data }];
    case 'GiveFeedbackToParticipants':
      rule(state.status === 'closed', 'ACTIVITY_NOT_CLOSED', 'participants are told the outcome after the activity has closed', { activityId });
      rule(state.closedOn !== null && state.closedOn <= command.data.givenOn, 'FEEDBACK_GIVEN_BEFORE_CLOSING', 'feedback to participants cannot predate the close', {
        activityId,
        closedOn: state.closedOn,
      });
      return [{ type: 'FeedbackGivenToParticipants', data: command.data }];
    default:
      return unreachable(command);
  }
}

function recordFeedback(
  activityId: string,
  responses: Extract<ActivityCommand, { type: 'RecordFeedback' }>['data']['responses'],
  state: ActivityState,
): ActivityEvent[] {
  const seen = new Set<string>();
  // A survey's batch passes these checks a thousand times over: each refusal's message and
  // details are built only when it is refused, not for every response that passes.
  for (const response of responses) {
    if (state.openedOn === null || state.openedOn > response.receivedOn) assertHasOpened(state, activityId, response.receivedOn);
    const duplicate = seen.has(response.feedbackId) || state.feedbackIds.has(response.feedbackId);
    if (duplicate) rule(false, 'FEEDBACK_ALREADY_RECORDED', `feedback ${response.feedbackId} is already recorded`, { activityId, feedbackId: response.feedbackId });
    seen.add(response.feedbackId);
    assertSealedHere(activityId, response.feedbackId, 'respondent', response.respondent);
    assertSealedHere(activityId, response.feedbackId, 'text', response.text);
  }
  return responses.map((response) => ({ type: 'FeedbackReceived', data: { ...response, activityId } }));
}

/** An envelope sealed for another response (or field) would open there, not here: refuse it. */
function assertSealedHere(activityId: string, feedbackId: string, field: PersonalField, value: unknown): void {
  if (!isSealed(value) || value.context === feedbackSealContext(activityId, feedbackId, field)) return;
  rule(false, 'PERSONAL_DATA_SEALED_ELSEWHERE', `the ${field} of feedback ${feedbackId} was sealed for another place`, {
    activityId,
    feedbackId,
    field,
    sealedFor: value.context,
  });
}

function evolve(state: ActivityState, event: LedgerEvent): ActivityState {
  if (!isActivityEvent(event)) return state;
  switch (event.type) {
    case 'ActivityPlanned':
      return {
        ...state,
        status: 'planned',
        activityId: event.data.activityId,
        organisationId: event.data.organisationId,
        partners: invite(noInvitations, event.data.jointPartnerIds, event.data.organisationId),
        planId: event.data.planId ?? null,
        category: event.data.category,
        window: event.data.window,
      };
    case 'ActivityDetailsAmended':
      return {
        ...state,
        partners: event.data.changes.jointPartnerIds ? invite(state.partners, event.data.changes.jointPartnerIds, state.organisationId ?? '') : state.partners,
        planId: event.data.changes.planId ?? state.planId,
        category: event.data.changes.category ?? state.category,
      };
    case 'ActivityRescheduled':
      return { ...state, window: event.data.window };
    case 'ActivityOpened':
      return { ...state, status: 'open', openedOn: event.data.openedOn };
    case 'ActivityClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'ActivityCancelled':
      return { ...state, status: 'cancelled' };
    case 'FeedbackReceived':
      return { ...state, feedbackIds: state.feedbackIds.add(event.data.feedbackId) };
    case 'FindingRecorded':
      return { ...state, findings: new Map(state.findings).set(event.data.findingId, { withdrawn: false }) };
    case 'FindingWithdrawn':
      return { ...state, findings: new Map(state.findings).set(event.data.findingId, { withdrawn: true }) };
    case 'FeedbackGivenToParticipants':
      return { ...state, participantsTold: true };
    case 'JointPartnershipAccepted':
      return { ...state, partners: answer(state.partners, event.data.organisationId, 'accepted') };
    case 'JointPartnershipDeclined':
      return { ...state, partners: answer(state.partners, event.data.organisationId, 'declined') };
    case 'ActivityPublished':
    case 'ActivityWithdrawnFromPublication':
    case 'FindingMarkedInternal':
    case 'FindingMarkedPublic':
      return { ...state, publication: evolveActivityPublication(state.publication, event) };
    case 'ActivityDocumentPublished':
    case 'FeedbackRedacted':
    case 'FindingAmended':
      return state;
    default:
      return unreachable(event);
  }
}

export type { ActivityContext };

export const activityDecider: Decider<ActivityCommand, LedgerEvent, ActivityState, ActivityContext> = {
  initialState: initialActivityState,
  decide,
  evolve,
};

export const activity = defineAggregate({
  name: 'activity',
  commandSchema: activityCommand,
  decider: activityDecider,
  streamId: (command) => activityStream(command.data.activityId),
  context: activityContext,
});

export { activityStream };
