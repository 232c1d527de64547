// A ledger for the public site's tests, recorded as officers record, through the API: a published
// consultation with everything a page shows (documents, how to take part, equality counts with a
// small group, findings one of them internal, a published decision with its link and an action,
// feedback to participants) and a response from an identified person whose details must never
// reach a public page; beside it, records that must never show: an unpublished consultation and
// decision, and a consultation to publish and withdraw.

import { expect } from 'vitest';
import { startLedger, type Harness } from '../api/harness.js';

/** Personal data planted in feedback: none of it may appear on any public page, feed or export. */
export const planted = {
  name: 'Philippa Q. Plantedname',
  contact: 'philippa.planted@example.org',
  postcode: 'WA8 9ZZ',
  text: 'Zanzibar-marmalade: my neighbour at number 12 keeps the library key',
  anonymousText: 'Quixotic-bassoon opening hours would suit shift workers',
};

/** Words only unpublished records (or the internal finding) hold. */
export const unpublished = {
  title: 'Unpublished Obsidian consultation',
  decision: 'Unpublished Basalt decision',
  rationale: 'Unpublished Granite rationale',
  internalTheme: 'Internal Quartz theme',
  withdrawnTitle: 'Withdrawn Feldspar survey',
};

export const ids = {
  libraries: 'hbc-libraries-2024',
  hidden: 'hbc-hidden-2024',
  withdrawn: 'hbc-withdrawn-2024',
  open: 'hbc-open-now',
  decision: 'hbc-exb-2024-03',
  hiddenDecision: 'hbc-cabinet-2024-03',
};

export const daysFromToday = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export interface PublicLedger extends Harness {
  officer: string;
  /** Positions of the published consultation's "we did" items. */
  weDid: { decision: number; link: number; action: number; feedback: number };
  /** Positions of events of unpublished records: the hidden decision and its links. */
  hiddenPositions: number[];
  /** Wait until the read models hold every write. */
  settle(): Promise<void>;
  post(token: string, path: string, body: unknown): Promise<any>;
}

export async function startPublicLedger(env: Record<string, string> = {}): Promise<PublicLedger> {
  const ledger = await startLedger(env);
  const admin = ledger.adminToken;
  const post = async (token: string, path: string, body: unknown): Promise<any> => {
    const reply = await ledger.call('POST', path, { token, body });
    expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);
    return reply.body;
  };
  await post(admin, '/v1/organisations', { organisationId: 'halton-borough-council', name: 'Halton Borough Council', kind: 'council_service' });
  await post(admin, '/v1/areas', { areaId: 'widnes', name: 'Widnes', kind: 'locality' });
  await post(admin, '/v1/communities', { communityId: 'young-people', name: 'Young people', hardToReach: true });
  const officer = await ledger.tokenFor('officer', 'halton-borough-council');
  const survey = (activityId: string, title: string, window: { opens: string; closes: string }, more: Record<string, unknown> = {}) =>
    post(officer, '/v1/activities', { activityId, title, category: 'consultation', method: 'survey', topics: ['Libraries'], areaIds: ['widnes'], communityIds: ['young-people'], window, ...more });

  const lib = `/v1/activities/${ids.libraries}`;
  await survey(ids.libraries, 'Library opening hours', { opens: '2024-01-08', closes: '2024-02-08' }, {
    description: 'How should Widnes library open on Saturdays?',
    documents: [{ title: 'Consultation paper', url: 'https://example.org/paper.pdf', publishedOn: '2023-12-20' }],
    howToTakePart: { url: 'https://example.org/have-your-say', howToRespond: 'Fill in the form online or at the library.' },
  });
  await post(officer, `${lib}/open`, { openedOn: '2024-01-08' });
  await post(officer, `${lib}/feedback`, { kind: 'response', receivedOn: '2024-01-10', text: planted.text, respondent: { name: planted.name, contact: planted.contact, postcode: planted.postcode } });
  await post(officer, `${lib}/feedback`, { kind: 'response', receivedOn: '2024-01-11', text: planted.anonymousText });
  await post(officer, `${lib}/close`, { closedOn: '2024-02-08', participants: 40, equalityMonitoring: { age: { '16-24': 3, '25-64': 30, '65+': 7 }, sex: { female: 22, male: 18 } } });
  await post(officer, `${lib}/findings`, { findingId: 'saturdays', theme: 'Open on Saturday afternoons', summary: 'Most want Saturday afternoons.' });
  await post(officer, `${lib}/findings`, { findingId: 'named', theme: unpublished.internalTheme, summary: 'Names a member of staff.' });
  await post(officer, `${lib}/findings/named/internal`, { reason: 'Names a person' });
  await post(officer, `${lib}/publish`, {});

  const decided = await post(officer, '/v1/decisions', {
    decisionId: ids.decision, body: 'Executive Board', decidedOn: '2024-03-01', reference: 'EXB/24/03', title: 'Library opening hours from April',
    outcome: 'Saturday afternoons added at Widnes library.', outcomeKind: 'approved',
  });
  const link = await post(officer, `/v1/decisions/${ids.decision}/influence`, { linkId: 'l1', cites: { kind: 'finding', activityId: ids.libraries, findingId: 'saturdays' }, influence: 'changed', rationale: 'Saturday afternoons added, as people asked.' });
  await post(officer, `/v1/decisions/${ids.decision}/publish`, {});
  await post(officer, '/v1/plans', { planId: 'libraries-plan', title: 'Libraries plan', kind: 'action_plan', adoptedBy: 'Executive Board', adoptedOn: '2024-03-01' });
  const action = await post(officer, '/v1/actions', { actionId: 'open-saturdays', planId: 'libraries-plan', decisionId: ids.decision, what: 'Open Widnes library on Saturday afternoons', lead: 'Libraries service', targetDate: '2024-04-01' });
  const told = await post(officer, `${lib}/feedback-to-participants`, { givenOn: '2024-03-10', channel: 'website', summary: 'You said Saturdays; from April we open until 4pm.', decisionIds: [ids.decision] });

  // Never published: its own consultation, and a decision citing it and the published one.
  const hidden = `/v1/activities/${ids.hidden}`;
  await survey(ids.hidden, unpublished.title, { opens: '2024-01-15', closes: '2024-02-15' });
  await post(officer, `${hidden}/open`, { openedOn: '2024-01-15' });
  const hiddenDecision = await post(officer, '/v1/decisions', { decisionId: ids.hiddenDecision, body: 'Cabinet', decidedOn: '2024-03-05', title: unpublished.decision, outcome: 'Not for publication', outcomeKind: 'approved' });
  const l2 = await post(officer, `/v1/decisions/${ids.hiddenDecision}/influence`, { linkId: 'l2', cites: { kind: 'activity', activityId: ids.libraries }, influence: 'confirmed', rationale: unpublished.rationale });
  const l3 = await post(officer, `/v1/decisions/${ids.hiddenDecision}/influence`, { linkId: 'l3', cites: { kind: 'activity', activityId: ids.hidden }, influence: 'confirmed', rationale: unpublished.rationale });

  // Open now and published; and one to publish and withdraw in a test.
  await survey(ids.open, 'Parks survey', { opens: daysFromToday(-5), closes: daysFromToday(20) }, {
    topics: ['parks'],
    howToTakePart: { url: 'https://example.org/parks', howToRespond: 'Answer six questions online, or at any park café.' },
  });
  await post(officer, `/v1/activities/${ids.open}/open`, { openedOn: daysFromToday(-5) });
  await post(officer, `/v1/activities/${ids.open}/publish`, {});
  await survey(ids.withdrawn, unpublished.withdrawnTitle, { opens: daysFromToday(-3), closes: daysFromToday(30) }, { topics: ['parks'] });

  const settle = async () => {
    expect(await ledger.app.read.waitFor(await ledger.app.store.headPosition(), 10_000)).toBe(true);
  };
  await settle();
  return {
    ...ledger,
    officer,
    post,
    weDid: { decision: decided.position, link: link.position, action: action.position, feedback: told.position },
    hiddenPositions: [hiddenDecision.position, l2.position, l3.position],
    settle,
  };
}
