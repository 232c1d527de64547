// The Merkle tree's costs (issue 20): appends with the tree against the same appends without
// it (single events and batches, side by side, in turn, each in a child process on a new file),
// inclusion proofs served over HTTP on the main ledger, proofs verified per second, and the
// one-time build of the tree for a ledger written before it existed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../lib/child.js';
import { figure, ms, perSec, ratio, type Figure } from '../lib/figures.js';
import { copyLedgerTo, type CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { issueToken, startLedgerServer } from '../lib/servers.js';
import { median, percentile, repeat } from '../lib/stats.js';

interface Rate {
  events: number;
  seconds: number;
  eventsPerSec: number;
}

async function appendRate(merkleTree: boolean, events: number, perAppend: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-tree-'));
  try {
    const { result } = await runChild<unknown, Rate>('tree-append', { path: join(dir, 'ledger.db'), merkleTree, events, perAppend, streams: 20 });
    return result.eventsPerSec;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends with and without the tree, alternating, so a machine that slows down slows both. */
export async function measureTreeAppend(profile: Profile): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [what, events, perAppend] of [
    ['single events (one append, one fsync each)', profile.merkle.singleAppends, 1],
    ['batches of 1,000 events', profile.merkle.batchEvents, 1_000],
  ] as const) {
    step(`Merkle: appends of ${what}, with and without the tree, ${profile.runs} runs`);
    const pairs = await repeat(profile.runs, async () => ({ without: await appendRate(false, events, perAppend), with: await appendRate(true, events, perAppend) }));
    const without = median(pairs.map((p) => p.without));
    const withTree = median(pairs.map((p) => p.with));
    const cost = without / withTree;
    figures.push(
      figure('Merkle', `Append ${what}, without the tree`, perSec(without), '', null, `${events.toLocaleString('en-GB')} events to a new file`),
      figure('Merkle', `Append ${what}, with the tree`, perSec(withTree)),
      figure('Merkle', `Append ${what}: time with the tree / without`, ratio(cost), '≤ 1.10×', cost <= 1.1),
    );
  }
  return figures;
}

/** Proofs of events spread over the main ledger, one request at a time, timed from this process (request sent to body read). */
export async function measureProofsServed(profile: Profile, ledger: CachedLedger, dataDir: string): Promise<Figure[]> {
  const server = await startLedgerServer(dataDir);
  try {
    const auditor = await issueToken(server, dataDir, 'auditor');
    const count = profile.merkle.proofs;
    step(`Merkle: ${count} inclusion proofs over HTTP`);
    const get = async (position: number): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${server.url}/v1/integrity/proofs/inclusion?position=${position}&size=${ledger.events}`, { headers: { authorization: `Bearer ${auditor}` } });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (!response.ok) throw new Error(`proof of ${position}: ${response.status} ${body.slice(0, 300)}`);
      return elapsed;
    };
    // Positions spread over the log in a scattered order, so no two requests read neighbouring nodes.
    const positions = Array.from({ length: count }, (_, i) => 1 + ((i * 7_919) % ledger.events));
    for (const position of positions.slice(0, 20)) await get(position);
    const times: number[] = [];
    for (const position of positions) times.push(await get(position));
    const p99 = percentile(times, 99);
    return [
      figure('Merkle', `Inclusion proof p50, ${ledger.events.toLocaleString('en-GB')}-event ledger (GET /v1/integrity/proofs/inclusion)`, ms(percentile(times, 50)), '', null, `${count} positions spread over the log, one at a time after 20 warm-up`),
      figure('Merkle', 'Inclusion proof p99', ms(p99), '≤ 5 ms', p99 <= 5),
    ];
  } finally {
    await server.stop();
  }
}

export async function measureProofVerify(profile: Profile, ledger: CachedLedger): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-proofs-'));
  try {
    copyLedgerTo(ledger, dir);
    step('Merkle: verifying inclusion proofs (verifier.js)');
    const { result } = await runChild<unknown, { size: number; pathLength: number; nodePerSec: number; webPerSec: number }>('proof-verify', {
      path: join(dir, 'ledger.db'),
      proofs: 1_000,
      seconds: profile.merkle.verifySeconds,
    });
    const note = `proofs in the tree of ${result.size.toLocaleString('en-GB')} events, ${result.pathLength.toFixed(1)} hashes each on average, from the leaf hash`;
    return [
      figure('Merkle', 'Inclusion proofs verified per second (verifier.js, node:crypto)', `${Math.round(result.nodePerSec).toLocaleString('en-GB')} proofs/s`, '≥ 50,000 proofs/s', result.nodePerSec >= 50_000, note),
      figure('Merkle', 'Inclusion proofs verified per second (verifier.js, WebCrypto in Node)', `${Math.round(result.webPerSec).toLocaleString('en-GB')} proofs/s`, '', null, 'what a browser runs; Node’s WebCrypto is a promise per hash'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureTreeBuild(ledger: CachedLedger): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-tree-build-'));
  try {
    copyLedgerTo(ledger, dir);
    step(`Merkle: building the tree of ${ledger.events.toLocaleString('en-GB')} events at open (a ledger from before the tree)`);
    const { result, maxRssMb } = await runChild<unknown, Rate>('tree-build', { path: join(dir, 'ledger.db') });
    return [figure('Merkle', 'Building the tree when a ledger from before it opens (once)', perSec(result.eventsPerSec), '', null, `${result.seconds.toFixed(1)} s for ${result.events.toLocaleString('en-GB')} events, peak RSS ${Math.round(maxRssMb)} MB`)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
