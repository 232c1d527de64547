// Engagement activities: plan, run and close them; record feedback, findings,
// and the feedback given back to participants.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { activityStream, MAX_FEEDBACK_BATCH } from '../../domain/aggregates/activity.js';
import { SubjectAlreadyErased, type SubjectKeys } from '../../privacy/key-store.js';
import { feedbackInClear, sealResponses, subjectsOf, type FeedbackInClear } from '../../privacy/seal-feedback.js';
import { activityView } from '../../projections/entities/activity-view.js';
import { ulidFactory } from '../../ledger/ids.js';
import { commandRoute, createsAt, type WriteDeps } from '../command-route.js';
import { entityRoutes } from '../entity-routes.js';
import { ApiError } from '../errors.js';
import type { ReadDeps } from '../deps.js';

const newId = ulidFactory();

// Personal data arrives in clear (over TLS) and is sealed here, per data subject, before the domain sees it.
const response = feedbackInClear;
type Response = FeedbackInClear;
const feedbackBody = z.union([
  response,
  z.object({ responses: z.array(response).min(1).max(MAX_FEEDBACK_BATCH) }).meta({ description: `A batch: all or nothing, up to ${MAX_FEEDBACK_BATCH} responses` }),
]);

export function activityRoutes(app: FastifyInstance, deps: WriteDeps & ReadDeps & { keys: SubjectKeys }): void {
  const id = '/v1/activities/:activityId';
  commandRoute(app, deps, {
    url: '/v1/activities',
    command: 'PlanActivity',
    summary: 'Plan an engagement activity',
    creates: createsAt('activities', 'activityId'),
  });
  commandRoute(app, deps, { url: `${id}/amend`, command: 'AmendActivityDetails', summary: 'Correct what was planned' });
  commandRoute(app, deps, { url: `${id}/reschedule`, command: 'RescheduleActivity', summary: 'Move its window' });
  commandRoute(app, deps, { url: `${id}/documents`, command: 'PublishActivityDocument', summary: 'Record a document published with it' });
  commandRoute(app, deps, { url: `${id}/open`, command: 'OpenActivity', summary: 'Open it' });
  commandRoute(app, deps, { url: `${id}/close`, command: 'CloseActivity', summary: 'Close it, with participation and equality monitoring' });
  commandRoute(app, deps, { url: `${id}/cancel`, command: 'CancelActivity', summary: 'Cancel it' });
  commandRoute(app, deps, {
    url: `${id}/feedback`,
    command: 'RecordFeedback',
    summary: 'Record one response, or a batch (a survey’s responses, all or nothing)',
    body: {
      schema: feedbackBody,
      toData: async (body, params) => {
        const given = 'responses' in (body as object) ? (body as { responses: Response[] }).responses : [body as Response];
        const responses = given.map((r) => ({ ...r, feedbackId: r.feedbackId ?? newId() }));
        try {
          return { responses: await sealResponses(deps.keys, params.activityId as string, responses) };
        } catch (error) {
          if (error instanceof SubjectAlreadyErased) {
            throw new ApiError(422, 'SUBJECT_ERASED', error.message, { subjectId: error.subjectId });
          }
          throw error;
        }
      },
    },
    respond: (result) => ({ subjects: subjectsOf(result.events) }),
  });
  commandRoute(app, deps, { url: `${id}/feedback/:feedbackId/redact`, command: 'RedactFeedback', summary: 'Remove personal data from a response' });
  commandRoute(app, deps, { url: `${id}/findings`, command: 'RecordFinding', summary: 'Record a finding: what people said', creates: { idField: 'findingId' } });
  commandRoute(app, deps, { url: `${id}/findings/:findingId/amend`, command: 'AmendFinding', summary: 'Correct a finding' });
  commandRoute(app, deps, { url: `${id}/findings/:findingId/withdraw`, command: 'WithdrawFinding', summary: 'Withdraw a finding' });
  commandRoute(app, deps, {
    url: `${id}/feedback-to-participants`,
    command: 'GiveFeedbackToParticipants',
    summary: 'Record that participants were told the outcome ("you said, we did")',
  });
  commandRoute(app, deps, {
    url: `${id}/partnership/accept`,
    command: 'AcceptJointPartnership',
    summary: 'Accept, for your organisation, being named a joint partner; until then it gains no rights and no share in the activity',
  });
  commandRoute(app, deps, { url: `${id}/partnership/decline`, command: 'DeclineJointPartnership', summary: 'Decline, for your organisation, being named a joint partner' });
  commandRoute(app, deps, {
    url: `${id}/publish`,
    command: 'PublishActivity',
    summary: 'Publish it on the public site (officers of its leading organisation)',
    description: 'Until published, nothing of it is public. Its findings are public with it unless marked internal; feedback texts and respondents never are.',
  });
  commandRoute(app, deps, {
    url: `${id}/publication/withdraw`,
    command: 'WithdrawActivityFromPublication',
    summary: 'Withdraw it from the public site (its publication stays in the history)',
  });
  commandRoute(app, deps, { url: `${id}/findings/:findingId/internal`, command: 'MarkFindingInternal', summary: 'Keep a finding off the public site' });
  commandRoute(app, deps, { url: `${id}/findings/:findingId/public`, command: 'MarkFindingPublic', summary: 'Show a finding marked internal on the public site again' });
  entityRoutes(app, deps.store, { url: id, noun: 'activity', stream: activityStream, view: activityView });
}
