// The peer: Emmett's SQLite event store (bench/peer, installed on first use) and the
// ledger's store on the same append-and-read workload, each in a child process.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild, runScript } from '../lib/child.js';
import { figure, perSec, ratio, type Figure } from '../lib/figures.js';
import type { PeerResult, PeerWorkload } from '../lib/peer-workload.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { median, repeat } from '../lib/stats.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const peerDir = join(repoRoot, 'bench', 'peer');

export function peerInstalled(): boolean {
  return existsSync(join(peerDir, 'node_modules', '@event-driven-io', 'emmett-sqlite'));
}

/** npm install into bench/peer (its own package, its own lock), once; builds sqlite3 from source, ~2 minutes. */
export function installPeer(): void {
  execFileSync('npm', ['install', '--prefix', peerDir, '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: repoRoot });
}

async function once(kind: 'ledger' | 'emmett', workload: Omit<PeerWorkload, 'path'>): Promise<PeerResult> {
  const dir = mkdtempSync(join(tmpdir(), `ledger-bench-peer-${kind}-`));
  try {
    const input: PeerWorkload = { ...workload, path: join(dir, 'events.db') };
    const outcome =
      kind === 'ledger'
        ? await runChild<PeerWorkload, PeerResult>('store-workload', input)
        : await runScript<PeerWorkload, PeerResult>(join(peerDir, 'emmett-workload.mjs'), input);
    return outcome.result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measurePeer(profile: Profile): Promise<Figure[]> {
  const workload = profile.peer;
  const events = workload.streams * workload.appendsPerStream * workload.eventsPerAppend;
  const what = `${workload.streams} streams x ${workload.appendsPerStream} appends of ${workload.eventsPerAppend} events (${events} events), each append awaited, then every stream read back`;
  step(`Peer: the ledger's store, ${profile.runs} runs: ${what}`);
  const ours = await repeat(profile.runs, () => once('ledger', workload));
  if (!peerInstalled()) {
    if (profile.name === 'quick') {
      return [figure('Peer', 'Emmett SQLite 0.38.5', 'skipped', '', null, 'bench/peer is not installed; `npm run bench` installs it')];
    }
    step('Peer: installing bench/peer (Emmett 0.38.5; builds sqlite3, about two minutes)');
    installPeer();
  }
  step(`Peer: Emmett SQLite 0.38.5, ${profile.runs} runs`);
  const theirs = await repeat(profile.runs, () => once('emmett', workload));
  const m = (results: PeerResult[], key: Exclude<keyof PeerResult, 'retries'>) => median(results.map((r) => r[key]));
  const total = m(ours, 'totalPerSec') / m(theirs, 'totalPerSec');
  return [
    figure('Peer', 'Ledger store (EventStore port): append + read back', perSec(m(ours, 'totalPerSec')), '', null, `append ${perSec(m(ours, 'appendPerSec'))}, read ${perSec(m(ours, 'readPerSec'))}; ${what}`),
    figure('Peer', 'Emmett SQLite 0.38.5: append + read back', perSec(m(theirs, 'totalPerSec')), '', null, `append ${perSec(m(theirs, 'appendPerSec'))}, read ${perSec(m(theirs, 'readPerSec'))}; same workload; ${theirs.reduce((sum, r) => sum + (r.retries ?? 0), 0)} calls retried after SQLITE_BUSY in ${theirs.length} runs`),
    figure('Peer', 'Ledger / Emmett', ratio(total), '≥ 10×', total >= 10, `append ${ratio(m(ours, 'appendPerSec') / m(theirs, 'appendPerSec'))}, read ${ratio(m(ours, 'readPerSec') / m(theirs, 'readPerSec'))}`),
  ];
}
