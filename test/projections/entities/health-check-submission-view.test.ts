import { describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { healthCheckSubmissionView } from '../../../src/projections/entities/health-check-submission-view.js';
import { engagementCategories } from '../../../src/domain/values.js';

const assessments: EventData<'HealthCheckSubmitted'>['assessments'] = engagementCategories.map((category) => ({
  category,
  examples: [],
  scores: { planning: 2, partnership: 2, breadth: 2, ...(category === 'information_giving' ? {} : { depth: 2 }), taking_action: 2 },
}));
const submitted = (submissionId: string, supersedes?: string): LedgerEvent => ({
  type: 'HealthCheckSubmitted',
  data: { cycleId: 'halton-2013', organisationId: 'cheshire-police', submissionId, submittedOn: '2013-04-26', supersedes, assessments },
});

describe('health-check submission view', () => {
  it('shows the submission in force and the superseded ones, oldest first, each marked with what replaced it', () => {
    const view = healthCheckSubmissionView([submitted('a'), submitted('b', 'a'), submitted('c', 'b')]);
    expect(view.current?.submissionId).toBe('c');
    expect(view.superseded.map((s) => [s.submissionId, s.supersededBy])).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
  });

  it('has nothing superseded after one submission', () => {
    expect(healthCheckSubmissionView([submitted('a')])).toMatchObject({ current: { submissionId: 'a' }, superseded: [] });
  });
});
