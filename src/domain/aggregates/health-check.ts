// One organisation's health-check submissions for a cycle (Halton, Appendix B).
// The organisation comes from the credential, so the stream is named from the actor.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import { fold, type DecideContext, type Decider } from '../decider.js';
import { assertReferences, readKnown, type Known, type Reference } from '../references.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import {
  healthCheckCategoryAssessment,
  healthCheckDimensions,
  healthCheckExample,
  healthCheckExamplesPerCategory,
  healthCheckScore,
  HealthCheckSubmitted,
} from '../events/health-check.js';
import { engagementCategories } from '../values.js';
import { healthCheckCycleDecider, healthCheckCycleStream, type HealthCheckCycleState } from './health-check-cycle.js';
import { assertEachOnce, assertOnScale } from './scoring.js';
import { healthCheckStream } from './streams.js';

/** As the event's assessment, but loose where the domain's rules give a coded refusal: scores, example counts, category counts. */
const submittedAssessment = healthCheckCategoryAssessment.extend({
  examples: z.array(healthCheckExample).max(20),
  scores: z.object({ planning: z.number(), partnership: z.number(), breadth: z.number(), depth: z.number().optional(), taking_action: z.number() }),
});
type SubmittedAssessment = z.output<typeof submittedAssessment>;

export const healthCheckCommand = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('SubmitHealthCheck'),
    data: HealthCheckSubmitted.schema.omit({ organisationId: true }).extend({ assessments: z.array(submittedAssessment).max(20) }),
  }),
]);
export type HealthCheckCommand = z.output<typeof healthCheckCommand>;

export interface HealthCheckState {
  /** The submission in force: a new one must supersede it. */
  current: string | null;
  submissionIds: ReadonlySet<string>;
}

export const initialHealthCheckState: HealthCheckState = { current: null, submissionIds: new Set() };

/** The cycle's state, read by the command handler from its own stream, and which example activities exist. */
export interface HealthCheckContext extends DecideContext {
  cycle: HealthCheckCycleState;
  known: Known;
}

function referencesOf(command: HealthCheckCommand): Reference[] {
  return [{ kind: 'activity', field: 'assessments.examples.activityId', ids: command.data.assessments.flatMap((a) => a.examples.map((e) => e.activityId)) }];
}

/** One submission is in force per organisation per cycle; a new one names it in `supersedes`, and both stay in the ledger. */
function assertSupersession({ current }: HealthCheckState, supersedes: string | undefined): void {
  if (current === null) {
    rule(supersedes === undefined, 'HEALTH_CHECK_SUPERSEDES_UNKNOWN', 'there is no submission to supersede', { supersedes, current });
    return;
  }
  rule(supersedes !== undefined, 'HEALTH_CHECK_ALREADY_SUBMITTED', `submission ${current} is in force; a new one must supersede it`, { current });
  rule(supersedes === current, 'HEALTH_CHECK_SUPERSEDES_UNKNOWN', `only the submission in force, ${current}, can be superseded`, { supersedes, current });
}

function assertAssessment({ category, examples, scores }: SubmittedAssessment): void {
  const most = healthCheckExamplesPerCategory;
  rule(examples.length <= most, 'HEALTH_CHECK_TOO_MANY_EXAMPLES', `give at most ${most} examples per category`, { category, examples: examples.length });
  // One-way information giving has no depth of engagement to score.
  if (category === 'information_giving') {
    rule(scores.depth === undefined, 'HEALTH_CHECK_DEPTH_NOT_APPLICABLE', 'depth is not scored for information giving', { category });
  } else {
    rule(scores.depth !== undefined, 'HEALTH_CHECK_DEPTH_REQUIRED', `depth is scored for ${category}`, { category });
  }
  for (const dimension of healthCheckDimensions) {
    const score = scores[dimension];
    if (score !== undefined) assertOnScale(healthCheckScore, score, 'HEALTH_CHECK_SCORE_OUT_OF_RANGE', { category, dimension });
  }
}

function decide(command: HealthCheckCommand, state: HealthCheckState, { actor, cycle, known }: HealthCheckContext): EventOfType<'HealthCheckSubmitted'>[] {
  const organisationId = assertMayRecord(actor);
  const { cycleId, submissionId, supersedes, assessments } = command.data;
  rule(cycle.opened, 'HEALTH_CHECK_CYCLE_NOT_FOUND', `health-check cycle ${cycleId} does not exist`, { cycleId });
  assertSupersession(state, supersedes);
  rule(!state.submissionIds.has(submissionId), 'HEALTH_CHECK_SUBMISSION_ALREADY_EXISTS', `submission ${submissionId} already exists`, { submissionId });
  assertEachOnce(
    assessments.map((a) => a.category),
    engagementCategories,
    'HEALTH_CHECK_CATEGORIES_INCOMPLETE',
    'engagement category',
  );
  assessments.forEach(assertAssessment);
  assertReferences(known, referencesOf(command));
  return [{ type: 'HealthCheckSubmitted', data: { ...command.data, organisationId } }];
}

function evolve(state: HealthCheckState, event: LedgerEvent): HealthCheckState {
  if (event.type !== 'HealthCheckSubmitted') return state;
  return { current: event.data.submissionId, submissionIds: new Set(state.submissionIds).add(event.data.submissionId) };
}

export const healthCheckDecider: Decider<HealthCheckCommand, LedgerEvent, HealthCheckState, HealthCheckContext> = {
  initialState: initialHealthCheckState,
  decide,
  evolve,
};

export const healthCheck = defineAggregate({
  name: 'health-check',
  commandSchema: healthCheckCommand,
  decider: healthCheckDecider,
  // Only an officer's credential names an organisation; anyone else is refused before a stream is read.
  streamId: (command, actor) => healthCheckStream(command.data.cycleId, assertMayRecord(actor)),
  async context(command, actor, read): Promise<HealthCheckContext> {
    const cycle = fold(healthCheckCycleDecider, await read(healthCheckCycleStream(command.data.cycleId)));
    return { actor, cycle, known: await readKnown(read, referencesOf(command)) };
  },
});

export { healthCheckStream };
