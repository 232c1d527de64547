// A decision with its influence links: the evidence that views were taken into account.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import { fold, ownEvents, unreachable, type DecideContext, type Decider } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import {
  DecisionAmended,
  DecisionRecorded,
  InfluenceLinked,
  InfluenceLinkWithdrawn,
  RecommendationDecided,
  type DecisionOutcomeKind,
  type InfluenceSource,
} from '../events/decision.js';
import type { IsoDate } from '../values.js';
import { activityDecider, activityStream, type ActivityState } from './activity.js';
import { decideDecisionPublication, decisionPublicationCommands, decisionPublicationEventTypes, evolveDecisionPublished } from './publication.js';
import { decisionStream } from './streams.js';

export const decisionCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RecordDecision'), data: DecisionRecorded.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('AmendDecision'), data: DecisionAmended.schema }),
  z.object({ type: z.literal('DecideRecommendation'), data: RecommendationDecided.schema }),
  z.object({ type: z.literal('LinkInfluence'), data: InfluenceLinked.schema }),
  z.object({ type: z.literal('WithdrawInfluenceLink'), data: InfluenceLinkWithdrawn.schema }),
  ...decisionPublicationCommands,
]);
export type DecisionCommand = z.output<typeof decisionCommand>;

const decisionEventTypes = ['DecisionRecorded', 'DecisionAmended', 'RecommendationDecided', 'InfluenceLinked', 'InfluenceLinkWithdrawn', ...decisionPublicationEventTypes] as const;
type DecisionEvent = EventOfType<(typeof decisionEventTypes)[number]>;
const isDecisionEvent = ownEvents(decisionEventTypes);

export interface DecisionState {
  exists: boolean;
  organisationId: string | null;
  /** What the body did, as it now stands: a recommendation, until it is decided. */
  outcomeKind: DecisionOutcomeKind | null;
  /** The day of what actually happened: the recommendation's, then the day the body decided it. */
  decidedOn: IsoDate | null;
  /** Link id -> what it cites, while not withdrawn. */
  links: ReadonlyMap<string, InfluenceSource>;
  withdrawnLinks: ReadonlySet<string>;
  /** On the public site. */
  published: boolean;
}

export const initialDecisionState: DecisionState = {
  exists: false,
  organisationId: null,
  outcomeKind: null,
  decidedOn: null,
  links: new Map(),
  withdrawnLinks: new Set(),
  published: false,
};

/** The cited activities' states, read by the command handler from their own streams. */
export interface DecisionContext extends DecideContext {
  activities: ReadonlyMap<string, ActivityState>;
}

/** Streams a command cites, so the handler can load them before deciding. */
export function citedActivityIds(command: DecisionCommand): string[] {
  return command.type === 'LinkInfluence' ? [command.data.source.activityId] : [];
}

function sameSource(a: InfluenceSource, b: InfluenceSource): boolean {
  return a.kind === b.kind && a.activityId === b.activityId && (a.kind === 'activity' || a.findingId === (b as typeof a).findingId);
}

function assertCitable(source: InfluenceSource, decidedOn: IsoDate, activities: DecisionContext['activities']): void {
  const activity = activities.get(source.activityId);
  rule(activity !== undefined && activity.status !== 'none', 'INFLUENCE_CITES_UNKNOWN_ACTIVITY', `activity ${source.activityId} does not exist`, {
    activityId: source.activityId,
  });
  rule(
    activity.openedOn !== null && activity.openedOn < decidedOn,
    'INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION',
    `activity ${source.activityId} had not opened before the decision of ${decidedOn}`,
    { activityId: source.activityId, openedOn: activity.openedOn, decidedOn },
  );
  if (source.kind === 'finding') {
    const finding = activity.findings.get(source.findingId);
    rule(finding !== undefined && !finding.withdrawn, 'INFLUENCE_CITES_UNKNOWN_FINDING', `activity ${source.activityId} has no finding ${source.findingId}`, {
      activityId: source.activityId,
      findingId: source.findingId,
    });
  }
}

function decide(command: DecisionCommand, state: DecisionState, context: DecisionContext): DecisionEvent[] {
  const { decisionId } = command.data;
  if (command.type === 'RecordDecision') {
    const organisationId = assertMayRecord(context.actor);
    rule(!state.exists, 'DECISION_ALREADY_EXISTS', `decision ${decisionId} already exists`, { decisionId });
    return [{ type: 'DecisionRecorded', data: { ...command.data, organisationId } }];
  }
  rule(state.exists && state.decidedOn !== null, 'DECISION_NOT_FOUND', `decision ${decisionId} does not exist`, { decisionId });
  if (command.type === 'PublishDecision' || command.type === 'WithdrawDecisionFromPublication') {
    return decideDecisionPublication(command, { decisionId, organisationId: state.organisationId, published: state.published }, context.actor);
  }
  assertMayRecord(context.actor, state.organisationId ? [state.organisationId] : []);
  switch (command.type) {
    case 'AmendDecision':
      return [{ type: 'DecisionAmended', data: command.data }];
    case 'DecideRecommendation': {
      const { outcomeKind, decidedOn } = state;
      rule(outcomeKind === 'recommended' || outcomeKind === 'deferred', 'DECISION_NOT_AWAITING_OUTCOME', `decision ${decisionId} is ${outcomeKind}, not a recommendation or deferred item`, {
        decisionId,
        outcomeKind,
      });
      rule(command.data.decidedOn >= decidedOn, 'RECOMMENDATION_DECIDED_BEFORE_MADE', `decision ${decisionId} was put forward on ${decidedOn}`, {
        decisionId,
        recommendedOn: decidedOn,
        decidedOn: command.data.decidedOn,
      });
      return [{ type: 'RecommendationDecided', data: command.data }];
    }
    case 'LinkInfluence': {
      const { linkId, source, influence, notAdoptedReason } = command.data;
      rule(!state.links.has(linkId) && !state.withdrawnLinks.has(linkId), 'INFLUENCE_LINK_ALREADY_EXISTS', `link ${linkId} already exists`, {
        decisionId,
        linkId,
      });
      rule(influence !== 'not_adopted' || notAdoptedReason !== undefined, 'INFLUENCE_NOT_ADOPTED_NEEDS_REASON', 'a view not adopted needs the reason why', {
        decisionId,
        linkId,
      });
      const already = [...state.links.values()].some((cited) => sameSource(cited, source));
      rule(!already, 'INFLUENCE_ALREADY_CITED', 'the decision already cites this; withdraw that link to change it', { decisionId, source });
      assertCitable(source, state.decidedOn, context.activities);
      return [{ type: 'InfluenceLinked', data: command.data }];
    }
    case 'WithdrawInfluenceLink':
      rule(state.links.has(command.data.linkId), 'INFLUENCE_LINK_NOT_FOUND', `decision ${decisionId} has no live link ${command.data.linkId}`, {
        decisionId,
        linkId: command.data.linkId,
      });
      return [{ type: 'InfluenceLinkWithdrawn', data: command.data }];
    default:
      return unreachable(command);
  }
}

function evolve(state: DecisionState, event: LedgerEvent): DecisionState {
  if (!isDecisionEvent(event)) return state;
  switch (event.type) {
    case 'DecisionRecorded':
      return { ...state, exists: true, organisationId: event.data.organisationId, outcomeKind: event.data.outcomeKind, decidedOn: event.data.decidedOn };
    case 'DecisionAmended':
      return event.data.outcomeKind ? { ...state, outcomeKind: event.data.outcomeKind } : state;
    case 'RecommendationDecided':
      return { ...state, outcomeKind: event.data.outcomeKind, decidedOn: event.data.decidedOn };
    case 'InfluenceLinked':
      return { ...state, links: new Map(state.links).set(event.data.linkId, event.data.source) };
    case 'InfluenceLinkWithdrawn': {
      const links = new Map(state.links);
      links.delete(event.data.linkId);
      return { ...state, links, withdrawnLinks: new Set(state.withdrawnLinks).add(event.data.linkId) };
    }
    case 'DecisionPublished':
    case 'DecisionWithdrawnFromPublication':
      return { ...state, published: evolveDecisionPublished(event) };
    default:
      return unreachable(event);
  }
}

export const decisionDecider: Decider<DecisionCommand, LedgerEvent, DecisionState, DecisionContext> = {
  initialState: initialDecisionState,
  decide,
  evolve,
};

export const decision = defineAggregate({
  name: 'decision',
  commandSchema: decisionCommand,
  decider: decisionDecider,
  streamId: (command) => decisionStream(command.data.decisionId),
  async context(command, actor, read): Promise<DecisionContext> {
    const activities = new Map<string, ActivityState>();
    for (const activityId of citedActivityIds(command)) {
      activities.set(activityId, fold(activityDecider, await read(activityStream(activityId))));
    }
    return { actor, activities };
  },
});

export { decisionStream };
