// Hash-chain and Merkle-tree verification of the main ledger, in a child process per run: on one
// thread (what `ledger verify` runs) and in ranges, a worker thread per core (`ledger verify --parallel`),
// the two alternated within each run so both see the same machine.

import { runChild } from '../lib/child.js';
import { figure, perSec, type Figure } from '../lib/figures.js';
import type { CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { progress } from '../lib/progress.js';
import { median, repeat } from '../lib/stats.js';

interface Verified {
  eventsPerSec: number;
  seconds: number;
  /** CPU time of the child, all its threads. */
  cpuSeconds: number;
}

export async function measureVerify(profile: Profile, ledger: CachedLedger): Promise<Figure[]> {
  const verify = async (label: string, parallel: boolean): Promise<Verified> => {
    const bar = progress(label);
    const outcome = await runChild<unknown, Verified>('verify', { path: ledger.path, parallel }, (done, total) => bar.update(done, total)).finally(() => bar.stop());
    return outcome.result;
  };
  const runs = await repeat(profile.runs, async (run) => ({
    one: await verify(`verify ${run + 1}/${profile.runs}`, false),
    both: await verify(`verify, both cores ${run + 1}/${profile.runs}`, true),
  }));
  const events = ledger.events.toLocaleString('en-GB');
  const row = (measure: string, of: Verified[]) => {
    const rate = median(of.map((r) => r.eventsPerSec));
    return figure('Verify', measure, perSec(rate), '≥ 200,000 events/s', rate >= 200_000, `${median(of.map((r) => r.seconds)).toFixed(1)} s, ${median(of.map((r) => r.cpuSeconds)).toFixed(1)} s CPU`);
  };
  return [
    row(`Hash-chain and Merkle-tree verification, ${events} events (verifyLedger, as \`ledger verify\`: one thread)`, runs.map((r) => r.one)),
    row(`The same on every core (the log in ranges, a worker thread per core: \`ledger verify --parallel\`)`, runs.map((r) => r.both)),
  ];
}
