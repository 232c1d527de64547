// The decision trace of a decision citing, as a whole, a consultation with 10,000 responses
// (issue 19: p99 independent of how many responses an activity has). The consultation, its
// responses in batches of 1,000 and the decision are appended through the API to the ledger in
// `dataDir` (the main ledger's copy, so last on it), then the trace is timed over HTTP.

import { figure, ms, type Figure } from '../lib/figures.js';
import { responseBody } from '../lib/feedback.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { adminToken, call, issueToken, startLedgerServer, type RunningServer } from '../lib/servers.js';
import { percentile } from '../lib/stats.js';

export const TRACED_RESPONSES = 10_000;
const BATCH = 1_000;
const ORGANISATION = 'bench-trace-org';
const ACTIVITY = 'bench-trace-consultation';
const DECISION = 'bench-trace-decision';

export async function timedTrace(url: string, token: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
  return { ms: elapsed, bytes: body.length };
}

/** The consultation, its responses and the decision citing it as a whole, appended through the API; the decision's id. */
export async function appendLargeConsultation(server: RunningServer, dataDir: string): Promise<string> {
  await call(server.url, adminToken(dataDir), 'POST', '/v1/organisations', { organisationId: ORGANISATION, name: 'Bench Trace Council', kind: 'council_service' });
  const officer = await issueToken(server, dataDir, 'officer', ORGANISATION);
  const activity = `/v1/activities/${ACTIVITY}`;
  await call(server.url, officer, 'POST', '/v1/activities', {
    activityId: ACTIVITY, title: 'Budget consultation', category: 'consultation', method: 'survey', topics: ['budget'], window: { opens: '2012-09-01', closes: '2012-10-31' },
  });
  await call(server.url, officer, 'POST', `${activity}/open`, { openedOn: '2012-09-01' });
  for (let i = 0; i < TRACED_RESPONSES; i += BATCH) {
    const responses = Array.from({ length: BATCH }, (_, j) => responseBody(i + j));
    await call(server.url, officer, 'POST', `${activity}/feedback`, { responses }, { 'idempotency-key': `trace-feedback-${i}` });
  }
  await call(server.url, officer, 'POST', `${activity}/close`, { closedOn: '2012-10-31', participants: TRACED_RESPONSES });
  await call(server.url, officer, 'POST', '/v1/decisions', {
    decisionId: DECISION, body: 'Cabinet', decidedOn: '2012-11-20', title: 'Budget 2013', outcome: 'Adopted.', outcomeKind: 'approved',
  });
  await call(server.url, officer, 'POST', `/v1/decisions/${DECISION}/influence`, {
    linkId: 'whole-consultation', cites: { kind: 'activity', activityId: ACTIVITY }, influence: 'confirmed', rationale: 'The consultation as a whole.',
  });
  return DECISION;
}

export async function measureLargeFeedbackTrace(profile: Profile, dataDir: string, ledgerEvents: number): Promise<Figure[]> {
  const server = await startLedgerServer(dataDir);
  try {
    step(`Queries: a decision citing a consultation with ${TRACED_RESPONSES.toLocaleString('en-GB')} responses`);
    await appendLargeConsultation(server, dataDir);
    const auditor = await issueToken(server, dataDir, 'auditor');
    const url = `${server.url}/v1/trace/decisions/${DECISION}`;
    for (let i = 0; i < 10; i++) await timedTrace(url, auditor);
    const traces = [];
    for (let i = 0; i < profile.traces; i++) traces.push(await timedTrace(url, auditor));
    const p99 = percentile(traces.map((t) => t.ms), 99);
    const size = `${Math.round((traces[0]?.bytes ?? 0) / 1024)} KiB of JSON`;
    const note = `${traces.length} requests after 10 warm-up, ${size}; ${ledgerEvents.toLocaleString('en-GB')}-event ledger plus the consultation`;
    return [
      figure('Queries', `Decision trace citing an activity with ${TRACED_RESPONSES.toLocaleString('en-GB')} responses, p50`, ms(percentile(traces.map((t) => t.ms), 50)), '', null, note),
      figure('Queries', `Decision trace citing an activity with ${TRACED_RESPONSES.toLocaleString('en-GB')} responses, p99`, ms(p99), '≤ 5 ms', p99 <= 5),
    ];
  } finally {
    await server.stop();
  }
}
