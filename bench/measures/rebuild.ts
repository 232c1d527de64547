// Rebuild every read model from the main ledger: with the embedded runner in a child
// process (its peak RSS is the rebuild's), and with the BullMQ runner (`ledger worker`
// processes: one dispatcher, then one or two workers) on the local Redis.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { allProjections } from '../../src/projections/registry.js';
import { deleteKeysUnder, RedisReadModels } from '../../src/workers/index.js';
import { peakRssMb, runChild } from '../lib/child.js';
import { copyLedgerTo, type CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { progress, step } from '../lib/progress.js';
import { median, repeat } from '../lib/stats.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli.js');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Rebuilt {
  eventsPerSec: number;
  seconds: number;
  maxRssMb: number;
  /** BullMQ only: peak RSS of the dispatcher and of the largest worker, MB. */
  dispatcherRssMb?: number;
  workerRssMb?: number;
}

/** A BullMQ rebuild that has not finished after this long is reported as failed rather than waited for. */
const WORKER_REBUILD_TIMEOUT_MS = 20 * 60_000;

interface RebuildResult {
  events: number;
  seconds: number;
  eventsPerSec: number;
}

/** Embedded: a fresh copy of the ledger each run; the last run's data directory is kept for the queries. */
export async function measureEmbeddedRebuild(profile: Profile, ledger: CachedLedger, keepDir: string): Promise<Rebuilt> {
  const runs = await repeat(profile.runs, async (run) => {
    const dataDir = run === profile.runs - 1 ? keepDir : mkdtempSync(join(tmpdir(), 'ledger-bench-rebuild-'));
    try {
      copyLedgerTo(ledger, dataDir);
      const bar = progress(`rebuild ${run + 1}/${profile.runs}`);
      const { result, maxRssMb } = await runChild<unknown, RebuildResult>('rebuild', { dataDir }, (done, total) => bar.update(done, total)).finally(() => bar.stop());
      return { ...result, maxRssMb };
    } finally {
      if (dataDir !== keepDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
  return {
    eventsPerSec: median(runs.map((r) => r.eventsPerSec)),
    seconds: median(runs.map((r) => r.seconds)),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
  };
}

function startWorkerProcess(role: 'dispatcher' | 'worker', dataDir: string, prefix: string): ChildProcess {
  const child = spawn(process.execPath, [cli, 'worker', '--role', role, '--prefix', prefix, '--data-dir', dataDir], {
    env: { ...process.env, REDIS_URL, STORE: 'sqlite' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Until every projection's checkpoint in Redis reaches the head. */
async function caughtUp(readModels: RedisReadModels, head: number, processes: ChildProcess[]): Promise<void> {
  const bar = progress('lowest checkpoint');
  const deadline = Date.now() + WORKER_REBUILD_TIMEOUT_MS;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`not caught up after ${WORKER_REBUILD_TIMEOUT_MS / 60_000} minutes`);
    const dead = processes.find((p) => p.exitCode !== null);
    if (dead) throw new Error(`a ledger worker process exited (${dead.exitCode}) before the rebuild finished`);
    const checkpoints = await Promise.all(allProjections.map((p) => readModels.checkpoint(p.name)));
    const parked = checkpoints.find((c) => c?.status === 'parked');
    if (parked) throw new Error(`a projection was parked during the rebuild: ${parked.lastError}`);
    const lowest = Math.min(...checkpoints.map((c) => c?.position ?? 0));
    bar.update(lowest, head);
    if (lowest >= head) return bar.stop();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * BullMQ: a dispatcher process and `workers` worker processes on an empty prefix, timed from
 * their start until every projection's checkpoint is at the head. Keys deleted afterwards.
 */
async function workersOnce(ledger: CachedLedger, workers: number, run: number): Promise<Rebuilt> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-workers-'));
  const prefix = `ledger-bench-${process.pid}-${workers}w-${run}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  const readModels = new RedisReadModels(redis, { prefix });
  const processes: ChildProcess[] = [];
  try {
    copyLedgerTo(ledger, dataDir);
    await deleteKeysUnder(redis, prefix);
    const started = performance.now();
    processes.push(startWorkerProcess('dispatcher', dataDir, prefix));
    for (let i = 0; i < workers; i++) processes.push(startWorkerProcess('worker', dataDir, prefix));
    await caughtUp(readModels, ledger.events, processes);
    const seconds = (performance.now() - started) / 1000;
    const [dispatcherRssMb, ...workerRss] = processes.map((p) => peakRssMb(p.pid as number)) as [number, ...number[]];
    const workerRssMb = Math.max(...workerRss);
    return { seconds, eventsPerSec: ledger.events / seconds, maxRssMb: Math.max(dispatcherRssMb, workerRssMb), dispatcherRssMb, workerRssMb };
  } finally {
    await Promise.all(processes.map(stopProcess));
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureWorkerRebuild(profile: Profile, ledger: CachedLedger, workers: number): Promise<Rebuilt> {
  step(`Rebuild: BullMQ, dispatcher + ${workers} worker(s), ${profile.workerRuns} run(s)`);
  const runs = await repeat(profile.workerRuns, (run) => workersOnce(ledger, workers, run));
  return {
    eventsPerSec: median(runs.map((r) => r.eventsPerSec)),
    seconds: median(runs.map((r) => r.seconds)),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    dispatcherRssMb: Math.max(...runs.map((r) => r.dispatcherRssMb ?? 0)),
    workerRssMb: Math.max(...runs.map((r) => r.workerRssMb ?? 0)),
  };
}
