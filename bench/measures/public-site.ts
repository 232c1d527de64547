// Issue 15's measures of the public site, on the main ledger (whose read models the embedded
// rebuild left in `dataDir`): a share of its activities and decisions are published through the
// API first (the generated ledger publishes nothing), then, timed from this process, a consultation
// page's p99 and the finder's first page p99, and a consultation page's throughput under
// autocannon beside fastify answering the same bytes from memory.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { figure, ms, ratio, type Figure } from '../lib/figures.js';
import type { CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { call, issueToken, pool, startLedgerServer, startStaticServer } from '../lib/servers.js';
import { percentile } from '../lib/stats.js';

interface ToPublish {
  activities: Array<{ id: string; organisation: string }>;
  decisions: Array<{ id: string; organisation: string }>;
}

/** Every so many activities (none cancelled: a cancelled one is not published), and the decisions citing them: what the benchmark publishes. */
function chooseFrom(ledgerPath: string, activities: number): ToPublish {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const all = db
      .prepare<[], { id: string; organisation: string }>(
        `SELECT json_extract(data, '$.activityId') AS id, json_extract(data, '$.organisationId') AS organisation FROM events
         WHERE type = 'ActivityPlanned' AND json_extract(data, '$.activityId') NOT IN (SELECT json_extract(data, '$.activityId') FROM events WHERE type = 'ActivityCancelled')
         ORDER BY position`,
      )
      .all();
    const every = Math.max(1, Math.floor(all.length / activities));
    const chosen = all.filter((_, i) => i % every === 0).slice(0, activities);
    const ids = new Set(chosen.map((a) => a.id));
    const decisions = db
      .prepare<[], { id: string; organisation: string; activity: string }>(
        `SELECT d.decision AS id, r.organisation AS organisation, d.activity AS activity FROM
           (SELECT json_extract(data, '$.decisionId') AS decision, json_extract(data, '$.source.activityId') AS activity FROM events WHERE type = 'InfluenceLinked') d
           JOIN (SELECT json_extract(data, '$.decisionId') AS decision, json_extract(data, '$.organisationId') AS organisation FROM events WHERE type = 'DecisionRecorded') r ON r.decision = d.decision`,
      )
      .all()
      .filter((d) => ids.has(d.activity));
    const unique = [...new Map(decisions.map((d) => [d.id, { id: d.id, organisation: d.organisation }])).values()];
    return { activities: chosen, decisions: unique };
  } finally {
    db.close();
  }
}

async function timed(url: string, runs: number): Promise<{ p99: number; bytes: number; type: string; body: string }> {
  const get = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    const body = await response.text();
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
    return { ms: performance.now() - started, body, type: response.headers.get('content-type') ?? 'text/html' };
  };
  const first = await get();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await get()).ms);
  return { p99: percentile(times, 99), bytes: Buffer.byteLength(first.body), type: first.type, body: first.body };
}

async function throughput(url: string, profile: Profile): Promise<number> {
  const result = await autocannon({ url, connections: profile.http.connections, duration: profile.http.durationSec, requests: [{ method: 'GET', headers: { accept: 'text/html' } }] });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load on ${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result['2xx'] / result.duration;
}

export async function measurePublicSite(profile: Profile, ledger: CachedLedger, dataDir: string): Promise<Figure[]> {
  const runs = profile.name === 'full' ? 200 : 20;
  const chosen = chooseFrom(ledger.path, profile.name === 'full' ? 5_000 : 200);
  const server = await startLedgerServer(dataDir, { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000' });
  const figures: Figure[] = [];
  try {
    step(`Public site: publishing ${chosen.activities.length} activities and ${chosen.decisions.length} decisions through the API`);
    const tokens = new Map<string, string>();
    const tokenFor = async (organisation: string) => {
      let token = tokens.get(organisation);
      if (!token) tokens.set(organisation, (token = await issueToken(server, dataDir, 'officer', organisation)));
      return token;
    };
    for (const organisation of new Set([...chosen.activities, ...chosen.decisions].map((r) => r.organisation))) await tokenFor(organisation);
    let position = 0;
    const publish = async (path: string, organisation: string) => {
      const answer = (await call(server.url, await tokenFor(organisation), 'POST', path, {})) as { position: number };
      position = Math.max(position, answer.position);
    };
    await pool(chosen.activities, 8, (a) => publish(`/v1/activities/${a.id}/publish`, a.organisation));
    await pool(chosen.decisions, 8, (d) => publish(`/v1/decisions/${d.id}/publish`, d.organisation));
    const scrutiny = await issueToken(server, dataDir, 'scrutiny');
    await call(server.url, scrutiny, 'GET', `/v1/calendar?limit=1&after=${position}`);

    // The page with the most to show: a published consultation a published decision cites.
    const rows = ((await (await fetch(`${server.url}/consultations?status=outcome_published&format=json&limit=1`)).json()) as { rows: Array<{ id: string }> }).rows;
    const id = rows[0]?.id ?? chosen.activities[0]?.id;
    step(`Public site: a consultation page and the finder's first page, ${runs} runs each`);
    const page = await timed(`${server.url}/consultations/${id}`, runs);
    const finder = await timed(`${server.url}/consultations`, runs);
    figures.push(figure('Public site', `Consultation page p99 (HTML, ${page.bytes.toLocaleString('en-GB')} bytes)`, ms(page.p99), '≤ 30 ms', page.p99 <= 30, `${chosen.activities.length} published of the ledger's activities`));
    figures.push(figure('Public site', 'Finder first page p99 (HTML, 20 rows)', ms(finder.p99), '≤ 50 ms', finder.p99 <= 50, `${finder.bytes.toLocaleString('en-GB')} bytes`));

    step(`Public site: throughput of a consultation page, and of fastify answering the same bytes from memory, ${profile.http.durationSec} s each`);
    const ledgerRate = await throughput(`${server.url}/consultations/${id}`, profile);
    const file = join(dataDir, 'public-page.html');
    writeFileSync(file, page.body);
    const limit = await startStaticServer(file, page.type);
    let limitRate: number;
    try {
      limitRate = await throughput(`${limit.url}/consultations/${id}`, profile);
    } finally {
      await limit.stop();
    }
    figures.push(figure('Public site', 'Consultation page throughput', `${Math.round(ledgerRate).toLocaleString('en-GB')} req/s`));
    figures.push(figure('Public site', 'fastify answering the same bytes from memory', `${Math.round(limitRate).toLocaleString('en-GB')} req/s`));
    figures.push(figure('Public site', 'Consultation page / fastify from memory', ratio(ledgerRate / limitRate), '≥ 0.5×', ledgerRate / limitRate >= 0.5));
  } finally {
    await server.stop();
  }
  return figures;
}
