// Hash-chain verification of the main ledger, in a child process per run.

import { runChild } from '../lib/child.js';
import { figure, perSec, type Figure } from '../lib/figures.js';
import type { CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { progress } from '../lib/progress.js';
import { median, repeat } from '../lib/stats.js';

export async function measureVerify(profile: Profile, ledger: CachedLedger): Promise<Figure[]> {
  const runs = await repeat(profile.runs, async (run) => {
    const bar = progress(`verify ${run + 1}/${profile.runs}`);
    const outcome = await runChild<unknown, { eventsPerSec: number; seconds: number }>('verify', { path: ledger.path }, (done, total) => bar.update(done, total)).finally(() => bar.stop());
    return outcome.result;
  });
  const rate = median(runs.map((r) => r.eventsPerSec));
  return [
    figure('Verify', `Hash-chain verification, ${ledger.events.toLocaleString('en-GB')} events (verifyLedger, as \`ledger verify\`)`, perSec(rate), '≥ 200,000 events/s', rate >= 200_000, `${median(runs.map((r) => r.seconds)).toFixed(1)} s`),
  ];
}
