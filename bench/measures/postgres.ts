// STORE=postgres side by side: the ledger's PostgreSQL store through the port against
// Emmett's PostgreSQL event store on the peer workload (bench/peer/postgresql, installed on
// first use), and survey batches through the API on PostgreSQL against raw multi-row
// INSERTs of the same rows. Each run on a database of its own, dropped after; the server
// is BENCH_DATABASE_URL (default: the machine's, 127.0.0.1:5432, user postgres).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runChild, runScript } from '../lib/child.js';
import { figure, perSec, ratio, type Figure } from '../lib/figures.js';
import type { PeerResult, PostgresPeerWorkload } from '../lib/peer-workload.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { median, repeat } from '../lib/stats.js';
import { batches, preparedLedger } from './http.js';
import { postgresNodeEnv } from './nodes.js';
import type { RawRate } from './storage.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const peerDir = join(repoRoot, 'bench', 'peer', 'postgresql');
const EMMETT = 'Emmett PostgreSQL 0.42.0';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresReachable(): Promise<boolean> {
  return admin(async (client) => (await client.query('SELECT 1')).rowCount === 1).catch(() => false);
}

/** Runs `work` with the URL of a new, empty database, dropped after. */
export async function withDatabase<T>(label: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `ledger_bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

export function postgresPeerInstalled(): boolean {
  return existsSync(join(peerDir, 'node_modules', '@event-driven-io', 'emmett-postgresql'));
}

/** npm install into bench/peer/postgresql (its own package, its own lock), once; pure JavaScript, a few seconds. */
export function installPostgresPeer(): void {
  execFileSync('npm', ['install', '--prefix', peerDir, '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: repoRoot });
}

async function peerOnce(kind: 'ledger' | 'emmett', workload: Profile['peer'], concurrent: boolean): Promise<PeerResult> {
  return withDatabase(`peer_${kind}`, async (databaseUrl) => {
    const input: PostgresPeerWorkload = { ...workload, databaseUrl, concurrent };
    const outcome =
      kind === 'ledger'
        ? await runChild<PostgresPeerWorkload, PeerResult>('postgres-workload', input)
        : await runScript<PostgresPeerWorkload, PeerResult>(join(peerDir, 'emmett-workload.mjs'), input);
    return outcome.result;
  });
}

async function measurePeer(profile: Profile): Promise<Figure[]> {
  const workload = profile.peer;
  const events = workload.streams * workload.appendsPerStream * workload.eventsPerAppend;
  const what = `${workload.streams} streams x ${workload.appendsPerStream} appends of ${workload.eventsPerAppend} events (${events} events), then every stream read back; a fresh database each run`;
  if (!postgresPeerInstalled()) {
    if (profile.name === 'quick') {
      return [figure('PostgreSQL', EMMETT, 'skipped', '', null, 'bench/peer/postgresql is not installed; `npm run bench` installs it')];
    }
    step(`PostgreSQL peer: installing bench/peer/postgresql (${EMMETT})`);
    installPostgresPeer();
  }
  const figures: Figure[] = [];
  // As the SQLite peer row (each append awaited: one commit, one WAL flush, per append on both sides), then every stream at once.
  for (const concurrent of [false, true]) {
    const shape = concurrent ? 'every stream at once, each stream\'s appends in turn' : 'each append awaited';
    step(`PostgreSQL peer (${shape}): the ledger's PostgreSQL store, then ${EMMETT}, ${profile.runs} runs each: ${what}`);
    const ours = await repeat(profile.runs, () => peerOnce('ledger', workload, concurrent));
    const theirs = await repeat(profile.runs, () => peerOnce('emmett', workload, concurrent));
    const m = (results: PeerResult[], key: Exclude<keyof PeerResult, 'retries'>) => median(results.map((r) => r[key]));
    const total = m(ours, 'totalPerSec') / m(theirs, 'totalPerSec');
    figures.push(
      figure('PostgreSQL', `Ledger PostgreSQL store (EventStore port), ${shape}: append + read back`, perSec(m(ours, 'totalPerSec')), '', null, `append ${perSec(m(ours, 'appendPerSec'))}, read ${perSec(m(ours, 'readPerSec'))}; ${what}`),
      figure('PostgreSQL', `${EMMETT}, ${shape}: append + read back`, perSec(m(theirs, 'totalPerSec')), '', null, `append ${perSec(m(theirs, 'appendPerSec'))}, read ${perSec(m(theirs, 'readPerSec'))}; same workload, its defaults`),
      figure('PostgreSQL', `Ledger / Emmett on PostgreSQL, ${shape}`, ratio(total), '≥ 2×', total >= 2, `append ${ratio(m(ours, 'appendPerSec') / m(theirs, 'appendPerSec'))}, read ${ratio(m(ours, 'readPerSec') / m(theirs, 'readPerSec'))}`),
    );
  }
  return figures;
}

/** Raw multi-row INSERTs: as many rows as one run of the batch route writes, 1,000 per transaction. */
async function measureRawInsert(profile: Profile): Promise<number> {
  const rows = profile.http.batchPosts * profile.http.batchResponses;
  const rates = await repeat(profile.runs, () =>
    withDatabase('raw', async (databaseUrl) => (await runChild<unknown, RawRate>('raw-insert-postgres', { databaseUrl, rows, batch: 1_000, streams: profile.http.activities })).result.eventsPerSec),
  );
  return median(rates);
}

/** Survey batches through the API of a `ledger serve` with STORE=postgres (one node, as a scale-out node runs: read models left to workers, none running). */
async function measureBatchAppend(profile: Profile): Promise<number> {
  return withDatabase('batch', async (databaseUrl) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-pg-batch-'));
    let server: Awaited<ReturnType<typeof preparedLedger>>['server'] | undefined;
    try {
      step(`PostgreSQL: preparing a ledger server on PostgreSQL with ${profile.http.activities} open activities`);
      const prepared = await preparedLedger(dataDir, profile.http.activities, postgresNodeEnv(databaseUrl));
      server = prepared.server;
      const url = server.url;
      step(`PostgreSQL: batch append, ${profile.runs} x ${profile.http.batchPosts} POSTs of ${profile.http.batchResponses} responses`);
      return median(await repeat(profile.runs, (run) => batches(url, prepared.officer, prepared.activityIds, profile, run)));
    } finally {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

export async function measurePostgres(profile: Profile, attempt: <T>(what: string, measure: () => Promise<T>) => Promise<T | undefined>): Promise<Figure[]> {
  if (!(await postgresReachable())) return [figure('PostgreSQL', 'STORE=postgres measures', 'skipped', '', null, `no PostgreSQL at ${BENCH_DATABASE_URL} (BENCH_DATABASE_URL)`)];
  const figures: Figure[] = [];
  const peer = await attempt('PostgreSQL peer', () => measurePeer(profile));
  if (peer) figures.push(...peer);
  step(`PostgreSQL: raw multi-row INSERTs, ${profile.runs} runs`);
  const raw = await attempt('Raw pg multi-row INSERT', () => measureRawInsert(profile));
  const server = await admin(async (client) => {
    const setting = (name: string) => client.query<Record<string, string>>(`SHOW ${name}`).then((r) => Object.values(r.rows[0] ?? {})[0]);
    return `PostgreSQL ${await setting('server_version')}, synchronous_commit ${await setting('synchronous_commit')}`;
  });
  if (raw !== undefined) figures.push(figure('PostgreSQL', 'Raw pg multi-row INSERT of the same rows (1,000 per transaction)', perSec(raw), '', null, server));
  const batch = await attempt('Batch append on PostgreSQL', () => measureBatchAppend(profile));
  if (batch !== undefined) {
    figures.push(
      figure('PostgreSQL', `Batch append on PostgreSQL: POST {responses: [${profile.http.batchResponses}]} through the batch route`, perSec(batch), '', null, `${profile.http.batchPosts} POSTs per run, ${profile.http.batchConcurrency} in flight; one node (PROJECTIONS=workers, no worker running)`),
    );
  }
  if (raw !== undefined && batch !== undefined) figures.push(figure('PostgreSQL', 'Batch append / raw INSERT on PostgreSQL', ratio(batch / raw), '≥ 0.5×', batch / raw >= 0.5));
  return figures;
}
