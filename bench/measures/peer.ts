// The peer: Emmett's SQLite event store (bench/peer, installed on first use) and the
// ledger's store on the same append-and-read workload, each in a child process. Emmett
// twice: its store as shipped (a connection opened and closed per call, most of its cost)
// and its own pieces on one connection kept open, the fair comparison.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild, runScript } from '../lib/child.js';
import { figure, perSec, ratio, type Figure } from '../lib/figures.js';
import type { EmmettConnection, EmmettPeerResult, EmmettPeerWorkload, PeerResult, PeerWorkload } from '../lib/peer-workload.js';
import type { Profile } from '../lib/profile.js';
import { step } from '../lib/progress.js';
import { median } from '../lib/stats.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const peerDir = join(repoRoot, 'bench', 'peer');

export function peerInstalled(): boolean {
  return existsSync(join(peerDir, 'node_modules', '@event-driven-io', 'emmett-sqlite'));
}

/** npm install into bench/peer (its own package, its own lock), once; builds sqlite3 from source, ~2 minutes. */
export function installPeer(): void {
  execFileSync('npm', ['install', '--prefix', peerDir, '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: repoRoot });
}

/** One run in a child on a fresh file, removed after. */
async function inFreshFile<R>(side: string, run: (path: string) => Promise<{ result: R }>): Promise<R> {
  const dir = mkdtempSync(join(tmpdir(), `ledger-bench-peer-${side}-`));
  try {
    return (await run(join(dir, 'events.db'))).result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ledgerOnce = (workload: Omit<PeerWorkload, 'path'>) =>
  inFreshFile('ledger', (path) => runChild<PeerWorkload, PeerResult>('store-workload', { ...workload, path }));

const emmettOnce = (connection: EmmettConnection, workload: Omit<PeerWorkload, 'path'>) =>
  inFreshFile(`emmett-${connection}`, (path) => runScript<EmmettPeerWorkload, EmmettPeerResult>(join(peerDir, 'emmett-workload.mjs'), { ...workload, path, connection }));

const m = (results: readonly PeerResult[], key: 'appendPerSec' | 'readPerSec' | 'totalPerSec') => median(results.map((r) => r[key]));

/** What the Emmett runs had: the settings read back (the same in every run, or each listed) and the calls retried. */
function emmettNote(results: readonly EmmettPeerResult[]): string {
  const settings = [...new Set(results.map((r) => `journal_mode ${r.settings.journalMode}, synchronous ${r.settings.synchronous}`))].join(' / ');
  const retried = results.reduce((sum, r) => sum + (r.retries ?? 0), 0);
  return `${settings} (read back from an Emmett connection); ${retried} calls retried after SQLITE_BUSY in ${results.length} run${results.length === 1 ? '' : 's'}`;
}

function versus(group: string, what: string, ours: readonly PeerResult[], theirs: readonly PeerResult[], target: number): Figure {
  const total = m(ours, 'totalPerSec') / m(theirs, 'totalPerSec');
  // Each run's own ratio too: the three sides of a run share one spell of the machine.
  const byRun = ours.map((r, i) => ratio(r.totalPerSec / (theirs[i]?.totalPerSec ?? Number.NaN))).join(', ');
  return figure(group, what, ratio(total), `≥ ${target}×`, total >= target, `append ${ratio(m(ours, 'appendPerSec') / m(theirs, 'appendPerSec'))}, read ${ratio(m(ours, 'readPerSec') / m(theirs, 'readPerSec'))}; run by run ${byRun}`);
}

export async function measurePeer(profile: Profile): Promise<Figure[]> {
  const workload = profile.peer;
  const events = workload.streams * workload.appendsPerStream * workload.eventsPerAppend;
  const what = `${workload.streams} streams x ${workload.appendsPerStream} appends of ${workload.eventsPerAppend} events (${events} events), each append awaited, then every stream read back`;
  let installed = peerInstalled();
  if (!installed && profile.name !== 'quick') {
    step('Peer: installing bench/peer (Emmett 0.38.5; builds sqlite3, about two minutes)');
    installPeer();
    installed = true;
  }
  // Run by run, the three in turn, so a slower spell of the shared machine falls on all of them.
  step(`Peer: ${profile.runs} run${profile.runs === 1 ? '' : 's'}, each the ledger's store${installed ? ', Emmett with a connection per call, Emmett on one open connection' : ''}: ${what}`);
  const ours: PeerResult[] = [];
  const perCall: EmmettPeerResult[] = [];
  const keptOpen: EmmettPeerResult[] = [];
  for (let run = 0; run < profile.runs; run++) {
    ours.push(await ledgerOnce(workload));
    if (!installed) continue;
    perCall.push(await emmettOnce('per-call', workload));
    keptOpen.push(await emmettOnce('kept-open', workload));
  }
  const rates = (results: readonly PeerResult[]) => `append ${perSec(m(results, 'appendPerSec'))}, read ${perSec(m(results, 'readPerSec'))}`;
  const ledgerRow = figure('Peer', 'Ledger store (EventStore port): append + read back', perSec(m(ours, 'totalPerSec')), '', null, `${rates(ours)}; ${what}; WAL, synchronous FULL`);
  if (!installed) return [ledgerRow, figure('Peer', 'Emmett SQLite 0.38.5', 'skipped', '', null, 'bench/peer is not installed; `npm run bench` installs it')];
  return [
    ledgerRow,
    figure('Peer', 'Emmett SQLite 0.38.5, its event store opening and closing a connection per call: append + read back', perSec(m(perCall, 'totalPerSec')), '', null, `${rates(perCall)}; same workload; getSQLiteEventStore as shipped; ${emmettNote(perCall)}`),
    versus('Peer', 'Ledger / Emmett, a connection per call', ours, perCall, 10),
    figure('Peer', 'Emmett SQLite 0.38.5 on one connection kept open: append + read back', perSec(m(keptOpen, 'totalPerSec')), '', null, `${rates(keptOpen)}; same workload; its exports sqliteConnection, createEventStoreSchema (before the clock, as the ledger opens its store), appendToStream, readStream; ${emmettNote(keptOpen)}`),
    versus('Peer', 'Ledger / Emmett on one open connection', ours, keptOpen, 2),
  ];
}
