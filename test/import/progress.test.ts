import { describe, expect, it } from 'vitest';
import { statusFromProgress } from '../../src/import/progress.js';

describe('reading an action\'s status from its progress note', () => {
  it.each([
    ['Completed', 'completed'],
    ['Completed but still need to share with specific groups', 'completed'],
    ['On going', 'in_progress'],
    ['Toolkit revised, but this review is an on-going process and will be included as part of the awareness raising work.', 'in_progress'],
    ['Area profiles now done and on HBC website. Need to notify Partners and share across partnership.', 'in_progress'],
    ['Options for the healthcheck have been reviewed by the operational group and a decision reached.', 'in_progress'],
    ["Resident's survey 2012 was a joint consultation – this is to be used as an example to follow.", 'in_progress'],
    ['This will be monitored via annual health checks.', 'planned'],
    ['Need to liaise with HSTVCA to ensure a comprehensive list is available to all.', 'planned'],
    ['This is part of the awareness raising work for the strategy and action plan – touting across Partners.', 'planned'],
    ['Not yet started', 'planned'],
    ['', 'planned'],
  ])('reads "%s" as %s', (note, status) => {
    expect(statusFromProgress(note).status).toBe(status);
  });

  it('given a note saying what replaced the thing an action set up ("replaced by"), then it records no status: the note does not say the action was withdrawn', () => {
    const note = "This has been replaced by the Community Practitioners Forum which includes anyone who works within Halton's communities. Need to discuss the issue of training. Item for December 2012 meeting?";
    expect(statusFromProgress(note)).toEqual({ status: 'planned' });
  });

  it('withdraws an action whose note says it is withdrawn, in those words', () => {
    expect(statusFromProgress('Withdrawn by the Board in June 2012.')).toEqual({ status: 'withdrawn', reason: 'No longer part of the strategy: Withdrawn by the Board in June 2012.' });
  });

  it('withdraws a greyed-out action in the plan\'s own words', () => {
    expect(statusFromProgress('Greyed out: no longer part of the strategy.')).toEqual({ status: 'withdrawn', reason: 'Greyed out: no longer part of the strategy.' });
  });
});
