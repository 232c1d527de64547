// Scale-out on PostgreSQL: single-event API appends through three `ledger serve` nodes on
// one database against one node alone, side by side, with the CPU each event costs (the
// ledger processes', and the whole machine's: PostgreSQL's backends and the load generator
// included). Every node runs as a scale-out node does (STORE=postgres, PROJECTIONS=workers,
// the shared keys; no workers run: appends do not wait for read models). The same total of
// autocannon connections in both cases, spread over the nodes. On a machine of few cores the
// nodes, PostgreSQL and autocannon share them, which bounds the ratio: the note says how many.

import autocannon from 'autocannon';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineBusySeconds, processCpuSeconds } from '../lib/cpu.js';
import { figure, ms, perSec, ratio, type Figure } from '../lib/figures.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { startLedgerServer, type RunningServer } from '../lib/servers.js';
import { median, repeat } from '../lib/stats.js';
import { load, preparedLedger } from './http.js';
import { BENCH_DATABASE_URL, postgresReachable, withDatabase } from './postgres.js';
import { REDIS_URL } from './rebuild.js';

/** The environment of a scale-out node on `databaseUrl`: the keys every node shares, a Redis prefix of its own. */
export function postgresNodeEnv(databaseUrl: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    PROJECTIONS: 'workers',
    REDIS_URL,
    REDIS_PREFIX: `ledger-bench-${randomBytes(4).toString('hex')}`,
    LEDGER_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    LEDGER_MASTER_KEY: randomBytes(32).toString('base64'),
  };
}

interface NodesRun {
  eventsPerSec: number;
  p99: number;
  /** CPU of the ledger processes per acknowledged event, ms. */
  ledgerCpuMs: number;
  /** Busy CPU of the whole machine per acknowledged event, ms. */
  machineCpuMs: number;
}

/** autocannon against each node at once, the connections spread over them; 2xx only, or the run fails. */
async function loadNodes(nodes: readonly RunningServer[], officer: string, activityIds: readonly string[], profile: Profile, tag: string): Promise<NodesRun> {
  const pids = nodes.map((n) => n.pid);
  const cpuBefore = pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const machineBefore = machineBusySeconds();
  const per = Math.max(1, Math.round(profile.http.connections / nodes.length));
  const results = await Promise.all(
    nodes.map((node, i) => load(node.url, officer, activityIds, { ...profile, http: { ...profile.http, connections: per } }, `${tag}-n${i}`)),
  );
  const cpu = pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0) - cpuBefore;
  const machine = machineBusySeconds() - machineBefore;
  const eventsPerSec = results.reduce((sum, r) => sum + r.eventsPerSec, 0);
  const events = eventsPerSec * profile.http.durationSec;
  return { eventsPerSec, p99: Math.max(...results.map((r) => r.p99)), ledgerCpuMs: (cpu * 1000) / events, machineCpuMs: (machine * 1000) / events };
}

async function measureNodes(profile: Profile, count: number): Promise<NodesRun> {
  return withDatabase(`nodes${count}`, async (databaseUrl) => {
    const env = postgresNodeEnv(databaseUrl);
    const dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), 'ledger-bench-node-')));
    const nodes: RunningServer[] = [];
    try {
      step(`Nodes: ${count} node(s) on one PostgreSQL database, ${profile.http.activities} open activities`);
      const prepared = await preparedLedger(dirs[0] as string, profile.http.activities, env);
      nodes.push(prepared.server);
      for (const dir of dirs.slice(1)) nodes.push(await startLedgerServer(dir, env));
      // One short warm-up per node, so the first run does not measure the JIT.
      await loadNodes(nodes, prepared.officer, prepared.activityIds, { ...profile, http: { ...profile.http, durationSec: 1 } }, 'warm');
      step(`Nodes: single-event appends through ${count} node(s), ${profile.runs} x ${profile.http.durationSec} s, ${profile.http.connections} connections in all`);
      const runs = await repeat(profile.runs, (run) => loadNodes(nodes, prepared.officer, prepared.activityIds, profile, `run${run}`));
      return {
        eventsPerSec: median(runs.map((r) => r.eventsPerSec)),
        p99: median(runs.map((r) => r.p99)),
        ledgerCpuMs: median(runs.map((r) => r.ledgerCpuMs)),
        machineCpuMs: median(runs.map((r) => r.machineCpuMs)),
      };
    } finally {
      for (const node of nodes) await node.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
}

export async function measureScaleOut(profile: Profile, attempt: <T>(what: string, measure: () => Promise<T>) => Promise<T | undefined>): Promise<Figure[]> {
  if (!(await postgresReachable())) return [figure('Scale-out', 'Three nodes against one', 'skipped', '', null, `no PostgreSQL at ${BENCH_DATABASE_URL} (BENCH_DATABASE_URL)`)];
  const one = await attempt('One node on PostgreSQL', () => measureNodes(profile, 1));
  const three = await attempt('Three nodes on PostgreSQL', () => measureNodes(profile, 3));
  const figures: Figure[] = [];
  const describe = (run: NodesRun) => `p99 ${ms(run.p99)}; CPU per event: ledger processes ${run.ledgerCpuMs.toFixed(2)} ms, whole machine ${run.machineCpuMs.toFixed(2)} ms`;
  if (one) figures.push(figure('Scale-out', 'API append through one node on PostgreSQL (single-response POSTs)', perSec(one.eventsPerSec), '', null, describe(one)));
  if (three) figures.push(figure('Scale-out', 'API append through three nodes on one PostgreSQL', perSec(three.eventsPerSec), '', null, describe(three)));
  if (one && three) {
    figures.push(
      figure(
        'Scale-out',
        'Three nodes / one node',
        ratio(three.eventsPerSec / one.eventsPerSec),
        '',
        null,
        `${cpus().length} cores shared by the nodes, PostgreSQL and autocannon: more nodes add processes, not cores; ${profile.http.connections} connections in all`,
      ),
    );
  }
  return figures;
}
