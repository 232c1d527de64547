// The demo ledger behind a real server, plus what the demo does not hold and the pages must show:
// two health-check returns to Halton's 2013 cycle (the seed has only the blank form), two
// activities of different organisations on the same people, topic and dates, and a response from
// an identified person. All are sent as officers send them, through the API.

import { expect } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { startLedger, type Harness } from '../api/harness.js';

/** Halton Borough Council's return: 4s and 3s it cannot back (the ledger holds no Halton activity in 2012-13), and some 1s and 2s. */
export const haltonReturn = {
  submittedOn: '2013-04-26',
  assessments: [
    { category: 'information_giving', examples: [{ description: 'Halton Borough Council annual newsletter' }], scores: { planning: 4, partnership: 2, breadth: 1, taking_action: 2 } },
    { category: 'consultation', examples: [{ description: 'Budget consultation' }], scores: { planning: 3, partnership: 2, breadth: 2, depth: 1, taking_action: 3 } },
    { category: 'deciding_together', examples: [{ description: 'Area forum priorities' }], scores: { planning: 2, partnership: 1, breadth: 1, depth: 2, taking_action: 1 } },
    { category: 'acting_together', examples: [{ description: 'Community clean-up days' }], scores: { planning: 1, partnership: 1, breadth: 1, depth: 1, taking_action: 1 } },
  ],
};

export const trustReturn = {
  submittedOn: '2013-04-29',
  assessments: haltonReturn.assessments.map((a) => ({ ...a, scores: Object.fromEntries(Object.entries(a.scores).map(([d]) => [d, 2])) })),
};

/** Two consultations of different organisations, both in Halton, on libraries, in overlapping weeks. */
export const librariesSurvey = {
  activityId: 'hbc-libraries-survey-2013',
  title: 'Library opening hours survey',
  category: 'consultation',
  method: 'survey',
  topics: ['libraries'],
  areaIds: ['halton'],
  window: { opens: '2013-06-01', closes: '2013-06-30' },
};
export const librariesForum = {
  activityId: 'hht-libraries-forum-2013',
  title: 'Tenants forum on library and community spaces',
  category: 'consultation',
  method: 'forum',
  topics: ['Libraries '],
  areaIds: ['halton'],
  window: { opens: '2013-06-15', closes: '2013-07-15' },
};

/** A response from an identified person: none of this may ever reach a page. */
export const respondent = { name: 'Jane Q. Respondent', contact: 'jane.respondent@example.org', postcode: 'WA8 7QF' };
export const response = { kind: 'response', receivedOn: '2013-06-03', text: 'Open the library on Saturday afternoons, please.', respondent };

export async function startDemoLedger(): Promise<Harness> {
  const ledger = await startLedger();
  await loadDemo(ledger.app.ledger, seedDemo);
  const council = await ledger.tokenFor('officer', 'halton-borough-council');
  const trust = await ledger.tokenFor('officer', 'halton-housing-trust');
  const writes = [
    await ledger.call('POST', '/v1/health-check-cycles/halton-2013/submissions', { token: council, body: haltonReturn }),
    await ledger.call('POST', '/v1/health-check-cycles/halton-2013/submissions', { token: trust, body: trustReturn }),
    await ledger.call('POST', '/v1/activities', { token: council, body: librariesSurvey }),
    await ledger.call('POST', '/v1/activities', { token: trust, body: librariesForum }),
  ];
  for (const write of writes) expect(write.status, JSON.stringify(write.body)).toBe(201);
  const survey = `/v1/activities/${librariesSurvey.activityId}`;
  const opened = await ledger.call('POST', `${survey}/open`, { token: council, body: { openedOn: '2013-06-01' } });
  const answered = await ledger.call('POST', `${survey}/feedback`, { token: council, body: response });
  for (const write of [opened, answered]) expect(write.status, JSON.stringify(write.body)).toBeLessThan(300);
  const head = await ledger.app.store.headPosition();
  expect(await ledger.app.read.waitFor(head, 10_000)).toBe(true);
  return ledger;
}
