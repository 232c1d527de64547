import { describe, expect, it } from 'vitest';
import { healthCheckCycleDecider } from '../../src/domain/aggregates/health-check-cycle.js';
import { healthCheck, healthCheckDecider, type HealthCheckCommand, type HealthCheckContext } from '../../src/domain/aggregates/health-check.js';
import type { Actor } from '../../src/domain/actor.js';
import { fold } from '../../src/domain/decider.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { engagementCategories, type EngagementCategory } from '../../src/domain/values.js';
import { admin, auditor, given, knowsEverything, officer } from './given.js';

type Submission = HealthCheckCommand['data'];
type Assessment = Submission['assessments'][number];

// Halton's 2013 round: forms out in February, back by early May.
const cycle: EventData<'HealthCheckCycleOpened'> = { cycleId: 'halton-2013', name: 'Halton health check 2013', opensOn: '2013-02-01', dueBy: '2013-05-10' };
const cycleOpened: LedgerEvent = { type: 'HealthCheckCycleOpened', data: cycle };
const police = officer('cheshire-police');
const inCycle = (actor: Actor = police, cycleHistory: LedgerEvent[] = [cycleOpened]): HealthCheckContext => ({
  actor,
  cycle: fold(healthCheckCycleDecider, cycleHistory),
  known: knowsEverything,
});

const assessment = (category: EngagementCategory, scores: Partial<Assessment['scores']> = {}): Assessment => ({
  category,
  examples: [{ description: 'Neighbourhood policing priorities survey' }, { activityId: 'residents-survey-2012' }],
  scores: { planning: 3, partnership: 3, breadth: 2, ...(category === 'information_giving' ? {} : { depth: 2 }), taking_action: 2, ...scores },
});
const fourCategories = (): Assessment[] => engagementCategories.map((category) => assessment(category));
const submission = (extra: Partial<Submission> = {}): Submission => ({
  cycleId: 'halton-2013',
  submissionId: 'police-2013-a',
  submittedOn: '2013-04-26',
  assessments: fourCategories(),
  ...extra,
});
const submit = (extra: Partial<Submission> = {}): HealthCheckCommand => ({ type: 'SubmitHealthCheck', data: submission(extra) });
const submitted: LedgerEvent = { type: 'HealthCheckSubmitted', data: { ...submission(), organisationId: 'cheshire-police' } };
const withAssessment = (replacement: Assessment): HealthCheckCommand =>
  submit({ assessments: fourCategories().map((a) => (a.category === replacement.category ? replacement : a)) });

describe('health-check cycle', () => {
  it('an administrator opens a cycle, once', () => {
    given(healthCheckCycleDecider).when({ type: 'OpenHealthCheckCycle', data: cycle }, { actor: admin }).thenEmits([cycleOpened]);
    given(healthCheckCycleDecider, [cycleOpened])
      .when({ type: 'OpenHealthCheckCycle', data: cycle }, { actor: admin })
      .thenRefusedWith('HEALTH_CHECK_CYCLE_ALREADY_OPENED');
  });

  it('refuses a cycle due before it opens', () => {
    given(healthCheckCycleDecider)
      .when({ type: 'OpenHealthCheckCycle', data: { ...cycle, dueBy: '2013-01-31' } }, { actor: admin })
      .thenRefusedWith('HEALTH_CHECK_CYCLE_DATES_INVALID');
  });

  it('an officer cannot open a cycle', () => {
    given(healthCheckCycleDecider).when({ type: 'OpenHealthCheckCycle', data: cycle }, { actor: police }).thenRefusedWith('ADMIN_ONLY');
  });
});

describe('health-check submission', () => {
  it('submits for the officer’s organisation, whatever the body says', () => {
    given(healthCheckDecider).when(submit(), inCycle()).thenEmits([submitted]);
  });

  it('refuses a submission for a cycle that does not exist', () => {
    given(healthCheckDecider).when(submit(), inCycle(police, [])).thenRefusedWith('HEALTH_CHECK_CYCLE_NOT_FOUND');
  });

  it.each([0, 5, 2.5, Number.NaN])('refuses a score of %s', (score) => {
    const refusal = given(healthCheckDecider)
      .when(withAssessment(assessment('consultation', { breadth: score })), inCycle())
      .thenRefusedWith('HEALTH_CHECK_SCORE_OUT_OF_RANGE');
    expect(refusal.details).toMatchObject({ category: 'consultation', dimension: 'breadth' });
  });

  it('refuses depth for information giving', () => {
    given(healthCheckDecider).when(withAssessment(assessment('information_giving', { depth: 2 })), inCycle()).thenRefusedWith('HEALTH_CHECK_DEPTH_NOT_APPLICABLE');
  });

  it('needs depth for the other three categories', () => {
    const { depth: _d, ...withoutDepth } = assessment('acting_together').scores;
    given(healthCheckDecider)
      .when(withAssessment({ ...assessment('acting_together'), scores: withoutDepth }), inCycle())
      .thenRefusedWith('HEALTH_CHECK_DEPTH_REQUIRED');
  });

  it('refuses a submission missing a category', () => {
    given(healthCheckDecider).when(submit({ assessments: fourCategories().slice(1) }), inCycle()).thenRefusedWith('HEALTH_CHECK_CATEGORIES_INCOMPLETE');
  });

  it('refuses a category given twice', () => {
    const assessments = (['consultation', 'consultation', 'deciding_together', 'acting_together'] as const).map((category) => assessment(category));
    given(healthCheckDecider)
      .when(submit({ assessments }), inCycle())
      .thenRefusedWith('HEALTH_CHECK_CATEGORIES_INCOMPLETE');
  });

  it('refuses more than two examples in a category', () => {
    const three = { ...assessment('consultation'), examples: [{ description: 'one' }, { description: 'two' }, { description: 'three' }] };
    given(healthCheckDecider).when(withAssessment(three), inCycle()).thenRefusedWith('HEALTH_CHECK_TOO_MANY_EXAMPLES');
  });

  it('refuses a second submission that does not supersede the first', () => {
    given(healthCheckDecider, [submitted]).when(submit({ submissionId: 'police-2013-b' }), inCycle()).thenRefusedWith('HEALTH_CHECK_ALREADY_SUBMITTED');
  });

  it('a later submission supersedes the current one, and both stay in the ledger', () => {
    const second = submit({ submissionId: 'police-2013-b', supersedes: 'police-2013-a' });
    given(healthCheckDecider, [submitted])
      .when(second, inCycle())
      .thenEmits([{ type: 'HealthCheckSubmitted', data: { ...second.data, organisationId: 'cheshire-police' } }]);
  });

  it('refuses to supersede a submission that is not the current one', () => {
    const data = { ...submission({ submissionId: 'police-2013-b', supersedes: 'police-2013-a' }), organisationId: 'cheshire-police' };
    const second: LedgerEvent = { type: 'HealthCheckSubmitted', data };
    given(healthCheckDecider, [submitted, second])
      .when(submit({ submissionId: 'police-2013-c', supersedes: 'police-2013-a' }), inCycle())
      .thenRefusedWith('HEALTH_CHECK_SUPERSEDES_UNKNOWN');
    given(healthCheckDecider).when(submit({ supersedes: 'invented' }), inCycle()).thenRefusedWith('HEALTH_CHECK_SUPERSEDES_UNKNOWN');
  });

  it('refuses to reuse a submission id', () => {
    given(healthCheckDecider, [submitted])
      .when(submit({ supersedes: 'police-2013-a' }), inCycle())
      .thenRefusedWith('HEALTH_CHECK_SUBMISSION_ALREADY_EXISTS');
  });

  it('an auditor cannot record', () => {
    given(healthCheckDecider).when(submit(), inCycle(auditor)).thenRefusedWith('ROLE_MAY_NOT_RECORD');
  });

  it('keeps each organisation’s submissions for a cycle in their own stream, named from the credential', () => {
    expect(healthCheck.streamId(submit(), police)).toBe('health-check-halton-2013.cheshire-police');
    expect(healthCheck.streamId(submit(), officer('halton-council'))).toBe('health-check-halton-2013.halton-council');
    expect(() => healthCheck.streamId(submit(), auditor)).toThrowError(expect.objectContaining({ code: 'ROLE_MAY_NOT_RECORD' }));
  });

  it('reads the cycle from its own stream', async () => {
    const read = async (streamId: string) => (streamId === 'health-check-cycle-halton-2013' ? [cycleOpened] : []);
    await expect(healthCheck.context?.(submit(), police, read, healthCheckDecider.initialState)).resolves.toMatchObject({ actor: police, cycle: { opened: true } });
  });

  it('accepts loosely typed scores at the boundary so the domain can refuse them with a code', () => {
    expect(healthCheck.commandSchema.safeParse(withAssessment(assessment('consultation', { planning: 7 }))).success).toBe(true);
  });
});
