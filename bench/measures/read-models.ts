// Issue 13's measures of the read side, through the built server's HTTP routes, timed from this
// process: a filtered read-model query (one organisation, one area, one year) on the main ledger
// and on one a tenth its size (its cost should follow the answer, not the ledger); the first
// page of every list route, unfiltered; the health-check matrix of one organisation and cycle.
// Read models are rebuilt first, so every answer is complete.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allViews } from '../../src/projections/registry.js';
import { runChild } from '../lib/child.js';
import { figure, ms, ratio, type Figure } from '../lib/figures.js';
import { copyLedgerTo, type CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { issueToken, startLedgerServer } from '../lib/servers.js';
import { percentile } from '../lib/stats.js';

/** Requests timed per query, after one warm-up. */
const runsOf = (profile: Profile): number => (profile.name === 'full' ? 200 : 20);

async function p99(url: string, token: string, runs: number): Promise<{ p99: number; rows: number }> {
  const get = async (): Promise<{ ms: number; rows: number }> => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
    return { ms: elapsed, rows: (JSON.parse(body) as { rows: unknown[] }).rows.length };
  };
  const { rows } = await get();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await get()).ms);
  return { p99: percentile(times, 99), rows };
}

interface Probe {
  organisation: string;
  area: string;
  year: string;
  cycle: string | null;
  submitter: string | null;
}

/** An organisation, an area it consulted in and a year it did, and a health-check submission, from the middle of the log. */
function probeOf(ledgerPath: string): Probe {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const planned = db
      .prepare<[], { organisation: string; area: string; opens: string }>(
        `SELECT json_extract(data, '$.organisationId') AS organisation, json_extract(data, '$.areaIds[0]') AS area, json_extract(data, '$.window.opens') AS opens
         FROM events WHERE type = 'ActivityPlanned' AND json_array_length(json_extract(data, '$.areaIds')) > 0 ORDER BY position`,
      )
      .all();
    const middle = planned[Math.floor(planned.length / 2)];
    if (!middle) throw new Error('the ledger plans no activity in an area');
    const submitted = db
      .prepare<[], { cycle: string; organisation: string }>(
        `SELECT json_extract(data, '$.cycleId') AS cycle, json_extract(data, '$.organisationId') AS organisation FROM events WHERE type = 'HealthCheckSubmitted' ORDER BY position DESC LIMIT 1`,
      )
      .get();
    return { organisation: middle.organisation, area: middle.area, year: middle.opens.slice(0, 4), cycle: submitted?.cycle ?? null, submitter: submitted?.organisation ?? null };
  } finally {
    db.close();
  }
}

const filtered = (probe: Probe): string[] => {
  const query = new URLSearchParams({ organisation: probe.organisation, area: probe.area, from: `${probe.year}-01-01`, to: `${probe.year}-12-31` });
  return [`/v1/calendar?${query}`, `/v1/influence/activities?${query}`];
};

async function filteredP99(dataDir: string, probe: Probe, runs: number): Promise<Array<{ path: string; p99: number; rows: number }>> {
  const server = await startLedgerServer(dataDir);
  try {
    const token = await issueToken(server, dataDir, 'scrutiny');
    const out = [];
    for (const path of filtered(probe)) out.push({ path, ...(await p99(`${server.url}${path}`, token, runs)) });
    return out;
  } finally {
    await server.stop();
  }
}

/** On the main ledger, whose read models the embedded rebuild left in `dataDir`; and on a ledger a tenth its size. */
export async function measureReadModels(profile: Profile, ledger: CachedLedger, dataDir: string, smaller: CachedLedger): Promise<Figure[]> {
  const runs = runsOf(profile);
  // Ids the smaller ledger holds, so the filtered query asks the same of both; the submission from the main ledger.
  const probe = probeOf(smaller.path);
  const { cycle, submitter } = probeOf(ledger.path);
  const figures: Figure[] = [];
  const server = await startLedgerServer(dataDir);

  try {
    const token = await issueToken(server, dataDir, 'scrutiny');
    step(`Read models: the first page of every list route, unfiltered, ${runs} runs each`);
    const firstPages = [];
    for (const view of allViews) firstPages.push({ path: view.path, ...(await p99(`${server.url}${view.path}`, token, runs)) });
    const worst = firstPages.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    figures.push(
      figure('Read models', 'Unfiltered first page, every list route: worst p99', ms(worst.p99), '≤ 50 ms', worst.p99 <= 50, `${worst.path}; ${firstPages.map((p) => `${p.path.replace('/v1/', '')} ${ms(p.p99)}`).join(', ')}`),
    );
    if (cycle !== null && submitter !== null) {
      step(`Read models: the health-check matrix of one organisation and cycle, ${runs} runs`);
      const matrix = await p99(`${server.url}/v1/health-check/matrix?${new URLSearchParams({ organisation: submitter, cycle })}`, token, runs);
      figures.push(figure('Read models', 'Health-check matrix, one organisation and cycle: p99', ms(matrix.p99), '≤ 10 ms', matrix.p99 <= 10, `${matrix.rows} rows`));
    } else figures.push(figure('Read models', 'Health-check matrix, one organisation and cycle', 'not measured', '≤ 10 ms', null, 'the ledger holds no submission'));
  } finally {
    await server.stop();
  }
  step(`Read models: a filtered query (one organisation, one area, one year), ${runs} runs, on ${ledger.events.toLocaleString('en-GB')} and ${smaller.events.toLocaleString('en-GB')} events`);
  const big = await filteredP99(dataDir, probe, runs);
  const smallDir = mkdtempSync(join(tmpdir(), 'ledger-bench-read-small-'));
  try {
    copyLedgerTo(smaller, smallDir);
    await runChild('rebuild', { dataDir: smallDir });
    const small = await filteredP99(smallDir, probe, runs);
    for (const [i, query] of big.entries()) {
      const name = query.path.split('?')[0];
      const mate = small[i] as { p99: number; rows: number };
      figures.push(figure('Read models', `Filtered query p99, ${name} (one organisation, area, year), ${ledger.events.toLocaleString('en-GB')} events`, ms(query.p99), '≤ 20 ms', query.p99 <= 20, `${query.rows} rows`));
      figures.push(
        figure('Read models', `… the same on ${smaller.events.toLocaleString('en-GB')} events; ratio`, ratio(query.p99 / mate.p99), '≤ 2×', query.p99 / mate.p99 <= 2, `${ms(mate.p99)}, ${mate.rows} rows`),
      );
    }
  } finally {
    rmSync(smallDir, { recursive: true, force: true });
  }
  return figures;
}
