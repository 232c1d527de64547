// Publishing and withdrawing from publication, for the aggregates that can be published
// (activities, decisions): the commands, the rules and what each aggregate keeps of it. The
// events go on the record's own stream, beside what they publish, so its history shows both.
//
// Only an officer of the organisation that owns the record may publish it or withdraw it: the
// activity's leading organisation (not a joint partner), the decision's organisation.

import { z } from 'zod';
import type { Actor } from '../actor.js';
import { assertMayRecord } from '../authority.js';
import { unreachable } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType } from '../events/catalogue.js';
import {
  ActivityPublished,
  ActivityWithdrawnFromPublication,
  DecisionPublished,
  DecisionWithdrawnFromPublication,
  FindingMarkedInternal,
  FindingMarkedPublic,
} from '../events/publication.js';

export const activityPublicationCommands = [
  z.object({ type: z.literal('PublishActivity'), data: ActivityPublished.schema }),
  z.object({ type: z.literal('WithdrawActivityFromPublication'), data: ActivityWithdrawnFromPublication.schema }),
  z.object({ type: z.literal('MarkFindingInternal'), data: FindingMarkedInternal.schema }),
  z.object({ type: z.literal('MarkFindingPublic'), data: FindingMarkedPublic.schema }),
] as const;
export type ActivityPublicationCommand = z.output<(typeof activityPublicationCommands)[number]>;

export const decisionPublicationCommands = [
  z.object({ type: z.literal('PublishDecision'), data: DecisionPublished.schema }),
  z.object({ type: z.literal('WithdrawDecisionFromPublication'), data: DecisionWithdrawnFromPublication.schema }),
] as const;
export type DecisionPublicationCommand = z.output<(typeof decisionPublicationCommands)[number]>;

export const activityPublicationEventTypes = ['ActivityPublished', 'ActivityWithdrawnFromPublication', 'FindingMarkedInternal', 'FindingMarkedPublic'] as const;
export type ActivityPublicationEvent = EventOfType<(typeof activityPublicationEventTypes)[number]>;
export const decisionPublicationEventTypes = ['DecisionPublished', 'DecisionWithdrawnFromPublication'] as const;
export type DecisionPublicationEvent = EventOfType<(typeof decisionPublicationEventTypes)[number]>;

/** What an activity keeps of its publication. */
export interface ActivityPublication {
  published: boolean;
  /** Findings kept off the public site. */
  internalFindings: ReadonlySet<string>;
}

export const unpublishedActivity: ActivityPublication = { published: false, internalFindings: new Set() };

/**
 * Publication is the owner's: an officer of the record's own organisation, never a joint
 * partner's (403 OTHER_ORGANISATION, as for any record of another organisation).
 */
export function assertMayPublish(actor: Actor, owner: string | null, what: string): void {
  const organisationId = assertMayRecord(actor);
  rule(owner !== null && organisationId === owner, 'OTHER_ORGANISATION', `only an officer of the organisation that owns ${what} may publish it or withdraw it`, {
    organisation: organisationId,
    owners: owner === null ? [] : [owner],
  });
}

/** The activity facts publication rules read: who owns it, whether it was cancelled, its findings. */
export interface PublishableActivity {
  activityId: string;
  organisationId: string | null;
  cancelled: boolean;
  findings: ReadonlyMap<string, { withdrawn: boolean }>;
  publication: ActivityPublication;
}

export function decideActivityPublication(command: ActivityPublicationCommand, activity: PublishableActivity, actor: Actor): ActivityPublicationEvent[] {
  const { activityId, publication } = activity;
  assertMayPublish(actor, activity.organisationId, `activity ${activityId}`);
  switch (command.type) {
    case 'PublishActivity':
      rule(!publication.published, 'ACTIVITY_ALREADY_PUBLISHED', `activity ${activityId} is already published`, { activityId });
      rule(!activity.cancelled, 'ACTIVITY_CANCELLED', `activity ${activityId} was cancelled: it is not published now`, { activityId });
      return [{ type: 'ActivityPublished', data: command.data }];
    case 'WithdrawActivityFromPublication':
      rule(publication.published, 'ACTIVITY_NOT_PUBLISHED', `activity ${activityId} is not published`, { activityId });
      return [{ type: 'ActivityWithdrawnFromPublication', data: command.data }];
    case 'MarkFindingInternal':
    case 'MarkFindingPublic': {
      const { findingId } = command.data;
      const finding = activity.findings.get(findingId);
      rule(finding !== undefined, 'FINDING_NOT_FOUND', `activity ${activityId} has no finding ${findingId}`, { activityId, findingId });
      rule(!finding.withdrawn, 'FINDING_WITHDRAWN', `finding ${findingId} was withdrawn`, { activityId, findingId });
      const internal = publication.internalFindings.has(findingId);
      if (command.type === 'MarkFindingInternal') {
        rule(!internal, 'FINDING_ALREADY_INTERNAL', `finding ${findingId} is already internal`, { activityId, findingId });
        return [{ type: 'FindingMarkedInternal', data: command.data }];
      }
      rule(internal, 'FINDING_NOT_INTERNAL', `finding ${findingId} is not marked internal`, { activityId, findingId });
      return [{ type: 'FindingMarkedPublic', data: command.data }];
    }
    default:
      return unreachable(command);
  }
}

export function evolveActivityPublication(publication: ActivityPublication, event: ActivityPublicationEvent): ActivityPublication {
  switch (event.type) {
    case 'ActivityPublished':
      return { ...publication, published: true };
    case 'ActivityWithdrawnFromPublication':
      return { ...publication, published: false };
    case 'FindingMarkedInternal':
      return { ...publication, internalFindings: new Set(publication.internalFindings).add(event.data.findingId) };
    case 'FindingMarkedPublic': {
      const internalFindings = new Set(publication.internalFindings);
      internalFindings.delete(event.data.findingId);
      return { ...publication, internalFindings };
    }
    default:
      return unreachable(event);
  }
}

export function decideDecisionPublication(command: DecisionPublicationCommand, decision: { decisionId: string; organisationId: string | null; published: boolean }, actor: Actor): DecisionPublicationEvent[] {
  const { decisionId, published } = decision;
  assertMayPublish(actor, decision.organisationId, `decision ${decisionId}`);
  switch (command.type) {
    case 'PublishDecision':
      rule(!published, 'DECISION_ALREADY_PUBLISHED', `decision ${decisionId} is already published`, { decisionId });
      return [{ type: 'DecisionPublished', data: command.data }];
    case 'WithdrawDecisionFromPublication':
      rule(published, 'DECISION_NOT_PUBLISHED', `decision ${decisionId} is not published`, { decisionId });
      return [{ type: 'DecisionWithdrawnFromPublication', data: command.data }];
    default:
      return unreachable(command);
  }
}

export const evolveDecisionPublished = (event: DecisionPublicationEvent): boolean => event.type === 'DecisionPublished';
