// kill -9 of the real server (`ledger serve`, embedded SQLite store) under concurrent
// appends, 20 times over one data directory. After each kill: every event the server
// acknowledged is in the log exactly once, the log is contiguous and its hash chain
// verifies; after each restart: the read models it serves, once caught up, equal a
// rebuild from zero. Requests that got no answer are retried with their own
// Idempotency-Key after the restart, as a client would, and what they get is counted.
// Kill moments are seeded (RELIABILITY_SEED). Figures go to stdout for RELIABILITY.md.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { Credentials } from '../../src/credentials/credentials.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { feedbackLoad, postFeedback, type FeedbackRequest } from './feedback-load.js';
import { runLedger, startServe, type ServerProcess } from '../support/ledger-process.js';
import { rebuiltReadModels, servedReadModels, waitForReadModels } from './read-models.js';
import { seeded, seedFromEnv } from './seeded.js';

const CYCLES = 20;
const CLIENTS = 4;
const ACTIVITIES = ['crash-a', 'crash-b', 'crash-c'];
/** The kill lands this long (uniformly, seeded) after the cycle's first acknowledgement. */
const KILL_WITHIN_MS = 400;
const seed = seedFromEnv(20_261_123);

const dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill9();
  rmSync(dir, { recursive: true, force: true });
});

const ledgerDb = join(dir, 'ledger.db');

interface LogCheck {
  head: number;
  /** Acknowledged event ids not recorded exactly once. */
  notOnce: string[];
}

/** Read the log with the server dead: each acknowledged id once, positions 1..n, the chain whole. */
async function checkLog(acknowledged: ReadonlySet<string>): Promise<LogCheck> {
  const store = openSqliteEventStore({ path: ledgerDb });
  try {
    const events = await store.readAll();
    const times = new Map<string, number>();
    for (const event of events) times.set(event.id, (times.get(event.id) ?? 0) + 1);
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
    const feedbackIds = events.filter((e) => e.type === 'FeedbackReceived').map((e) => (e.data as { feedbackId: string }).feedbackId);
    expect(new Set(feedbackIds).size, 'no response recorded twice').toBe(feedbackIds.length);
    expect(store.verify()).toMatchObject({ ok: true, headPosition: events.length });
    return { head: events.length, notOnce: [...acknowledged].filter((id) => times.get(id) !== 1) };
  } finally {
    await store.close();
  }
}

it(`keeps every acknowledged event exactly once, the chain and the read models across ${CYCLES} kill -9 of ledger serve under load (seed ${seed})`, { timeout: 300_000 }, async () => {
  const random = seeded(seed);
  const db = openServerDb(dir);
  const officer = (await new Credentials(new SqliteCredentialStore(db)).issue({ role: 'officer', organisationId: 'halton-council', label: 'crash test', createdBy: 'test' })).token;
  db.close();

  server = await startServe(dir);
  for (const activityId of ACTIVITIES) {
    const headers = { authorization: `Bearer ${officer}`, 'content-type': 'application/json' };
    const survey = { activityId, title: `Survey ${activityId}`, category: 'consultation', method: 'survey', topics: ['community safety'], window: { opens: '2012-09-01', closes: '2012-10-31' } };
    expect((await fetch(`${server.url}/v1/activities`, { method: 'POST', headers, body: JSON.stringify(survey) })).status).toBe(201);
    expect((await fetch(`${server.url}/v1/activities/${activityId}/open`, { method: 'POST', headers, body: JSON.stringify({ openedOn: '2012-09-01' }) })).status).toBe(200);
  }

  const acknowledged = new Set<string>();
  const figures = {
    cycles: 0,
    acknowledged: 0,
    notOnce: 0,
    unanswered: 0,
    retried: { written: 0, replayed: 0, inUse: 0, refused: 0 },
    /** Retries refused as "in use" whose response the log holds all the same: recorded, never acknowledged. */
    inUseButRecorded: 0,
    readModelChecks: 0,
    /** Mean time from spawning `ledger serve` to its listening, per restart. */
    restartMs: 0,
  };
  let unanswered: FeedbackRequest[] = [];
  const inUse: FeedbackRequest[] = [];
  const started = performance.now();

  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    // Retry what the last kill left unanswered, each with its own key, as a client would.
    for (const request of unanswered) {
      const answer = await postFeedback(server.url, officer, request);
      if (answer.kind === 'acknowledged') {
        figures.retried[answer.replayed ? 'replayed' : 'written']++;
        for (const id of answer.eventIds) acknowledged.add(id);
      } else if (answer.kind === 'refused' && answer.code === 'IDEMPOTENCY_KEY_IN_USE') {
        figures.retried.inUse++;
        inUse.push(request);
      } else figures.retried.refused++;
    }

    const load = feedbackLoad({ url: server.url, token: officer, activities: ACTIVITIES, clients: CLIENTS, random, keyPrefix: `c${cycle}` });
    await load.acknowledgedAtLeast(1);
    await new Promise((resolve) => setTimeout(resolve, random() * KILL_WITHIN_MS));
    const exit = await server.kill9();
    expect(exit.signal, server.output()).toBe('SIGKILL');
    server = undefined;
    const outcome = await load.stop();
    expect(outcome.refused, 'no request refused under load').toEqual([]);
    for (const { eventIds } of outcome.acknowledged) for (const id of eventIds) acknowledged.add(id);
    unanswered = outcome.unanswered;
    figures.unanswered += unanswered.length;

    const log = await checkLog(acknowledged);
    expect(log.notOnce, `cycle ${cycle}: acknowledged but not recorded exactly once`).toEqual([]);
    figures.cycles = cycle;

    // Restart; once the read models caught up, they equal the log replayed from zero.
    const restarting = performance.now();
    server = await startServe(dir);
    figures.restartMs += performance.now() - restarting;
    await waitForReadModels(dir, log.head);
    const served = await servedReadModels(dir);
    const rebuilt = await rebuiltReadModels(ledgerDb, join(dir, `rebuilt-${cycle}.db`));
    expect(served, `cycle ${cycle}: served read models = a rebuild from zero`).toEqual(rebuilt);
    figures.readModelChecks++;
  }

  // A key claimed by a killed server stays "in use": was the response recorded all the same?
  const store = openSqliteEventStore({ path: ledgerDb });
  const recordedFeedback = new Set((await store.readAll()).filter((e) => e.type === 'FeedbackReceived').map((e) => (e.data as { feedbackId: string }).feedbackId));
  await store.close();
  figures.inUseButRecorded = inUse.filter((request) => recordedFeedback.has(request.key)).length;

  await server.stop();
  server = undefined;
  const verified = await runLedger(['verify', '--data-dir', dir]);
  expect(verified.code, verified.stdout + verified.stderr).toBe(0);

  figures.acknowledged = acknowledged.size;
  figures.restartMs = Math.round(figures.restartMs / CYCLES);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[reliability] crash cycles (seed ${seed}): ${JSON.stringify(figures)}; ${seconds} s`);
  expect(figures.cycles).toBe(CYCLES);
  expect(acknowledged.size).toBeGreaterThanOrEqual(CYCLES);
});
