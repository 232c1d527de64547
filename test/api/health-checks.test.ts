import { describe, expect, it } from 'vitest';
import { cycle, submission } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const admin = ledger.adminToken;
const police = await ledger.tokenFor('officer', 'cheshire-police');
const cycleId = await create(ledger, admin, '/v1/health-check-cycles', { ...cycle, cycleId: 'halton-2013' });

const submit = (token: string, body: unknown, headers?: Record<string, string>) =>
  ledger.call('POST', `/v1/health-check-cycles/${cycleId}/submissions`, { token, body, headers });

describe('health checks over HTTP', () => {
  it('an administrator opens a cycle that every role reads', async () => {
    expect(await stateOf(ledger, await ledger.tokenFor('scrutiny'), `/v1/health-check-cycles/${cycleId}`)).toEqual({ opened: { cycleId, ...cycle } });
    expectRefused(await ledger.call('POST', '/v1/health-check-cycles', { token: police, body: cycle }), 403, 'ROLE_NOT_ALLOWED');
  });

  it('keeps one submission in force per organisation: a second must supersede the first, and both stay', async () => {
    const fire = await ledger.tokenFor('officer', 'cheshire-fire');
    const first = (await submit(fire, submission())).body.createdId as string;
    expectRefused(await submit(fire, submission()), 422, 'HEALTH_CHECK_ALREADY_SUBMITTED');
    const second = await submit(fire, submission({ supersedes: first, submittedOn: '2013-05-02' }));
    expect(second.status).toBe(201);

    const url = `/v1/health-check-cycles/${cycleId}/submissions/cheshire-fire`;
    const state = await stateOf(ledger, await ledger.tokenFor('auditor'), url);
    expect(state.current).toMatchObject({ submissionId: second.body.createdId, supersedes: first, organisationId: 'cheshire-fire' });
    expect(state.superseded).toMatchObject([{ submissionId: first, supersededBy: second.body.createdId }]);
    expect(await eventTypes(ledger, fire, url)).toEqual(['HealthCheckSubmitted', 'HealthCheckSubmitted']);
  });

  it('refuses scores off the 1-4 scale and depth for information giving, by the rule’s code', async () => {
    const body = submission();
    const scored = (index: number, scores: Record<string, number>) => ({
      ...body,
      assessments: body.assessments.map((a, i) => (i === index ? { ...a, scores: { ...a.scores, ...scores } } : a)),
    });
    expectRefused(await submit(police, scored(1, { breadth: 5 })), 422, 'HEALTH_CHECK_SCORE_OUT_OF_RANGE');
    expectRefused(await submit(police, scored(0, { depth: 2 })), 422, 'HEALTH_CHECK_DEPTH_NOT_APPLICABLE');
  });

  it('answers 404 for a cycle that was never opened, or an organisation that has not submitted', async () => {
    const reply = await ledger.call('POST', '/v1/health-check-cycles/nocycle/submissions', { token: police, body: submission() });
    expectRefused(reply, 404, 'HEALTH_CHECK_CYCLE_NOT_FOUND');
    expectRefused(await ledger.call('GET', `/v1/health-check-cycles/${cycleId}/submissions/nobody`, { token: police }), 404, 'HEALTH_CHECK_SUBMISSION_NOT_FOUND');
    expectRefused(await ledger.call('GET', '/v1/health-check-cycles/nocycle', { token: police }), 404, 'HEALTH_CHECK_CYCLE_NOT_FOUND');
  });

  it('refuses a cycle due before it opens, and names the fields of a malformed submission', async () => {
    expectRefused(await ledger.call('POST', '/v1/health-check-cycles', { token: admin, body: { ...cycle, dueBy: '2013-01-01' } }), 422, 'HEALTH_CHECK_CYCLE_DATES_INVALID');
    const body = submission();
    const malformed = { ...body, assessments: [{ ...body.assessments[0], category: 'gossip' }, ...body.assessments.slice(1)] };
    expect(issuePaths(await submit(police, malformed))).toEqual(['body.assessments.0.category']);
  });

  it('is an officer’s to submit, not an administrator’s', async () => {
    expectRefused(await submit(admin, submission()), 403, 'ROLE_NOT_ALLOWED');
  });

  it('refuses a submission against a stale revision', async () => {
    const health = await ledger.tokenFor('officer', 'nhs-halton');
    await submit(health, submission());
    expectRefused(await submit(health, submission(), { 'if-match': '"5"' }), 409, 'REVISION_CONFLICT');
  });
});
