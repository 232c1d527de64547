// Only the decision trace (issue 19, item 5): `npx tsc -p bench/tsconfig.json && node dist/bench/run-traces.js
// [--quick] [--out FILE] [--before DIST] [--decisions N] [--rounds N] [--large-runs N] [--keep]`. On the main ledger (1M events; 100k with --quick) plus
// a consultation with 10,000 responses cited whole by one decision (trace-feedback.ts), it times
//   over HTTP:    GET /v1/trace/decisions/:id on the built server (`dist/src/cli.js serve`), request to body read;
//   in-process:   traceDecision(store, id) and the JSON of its answer, with the GC pauses seen meanwhile
//                 (perf_hooks 'gc') and the CPU time (process.cpuUsage);
//   first trace:  the first traceDecision of a freshly opened store (the trace links are read then).
// With --before DIST (another build's dist/, e.g. of the commit before a change) both builds are timed
// on copies of the same data, alternating request by request, so the machine's load falls on both alike.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runChild } from './lib/child.js';
import { withGc } from './lib/gc.js';
import { cachedLedger, copyLedgerTo } from './lib/ledger-cache.js';
import { step } from './lib/progress.js';
import { issueToken, startLedgerServer, type RunningServer } from './lib/servers.js';
import { percentile } from './lib/stats.js';
import { sampleDecisions } from './measures/queries.js';
import { appendLargeConsultation, TRACED_RESPONSES, timedTrace } from './measures/trace-feedback.js';

const argv = process.argv;
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = argv.includes('--quick');
const events = quick ? 100_000 : 1_000_000;
const decisionsTraced = Number(option('--decisions') ?? 200);
const rounds = Number(option('--rounds') ?? 3);
const largeRuns = Number(option('--large-runs') ?? 200);
const ownDist = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const beforeDist = option('--before');

interface Build {
  name: string;
  dist: string;
}
const builds: Build[] = [{ name: 'after', dist: ownDist }, ...(beforeDist ? [{ name: 'before', dist: resolve(beforeDist) }] : [])];

type TraceDecision = (store: unknown, decisionId: string) => Promise<unknown>;
interface Store {
  close(): Promise<void>;
}

async function importBuild(build: Build): Promise<{ trace: TraceDecision; open: (path: string) => Store }> {
  const at = (path: string) => pathToFileURL(join(build.dist, path)).href;
  const read = (await import(at('src/audit/trace/read.js'))) as { traceDecision: TraceDecision };
  const sqlite = (await import(at('src/store/sqlite/index.js'))) as { openSqliteEventStore: (o: { path: string }) => Store };
  return { trace: read.traceDecision, open: (path) => sqlite.openSqliteEventStore({ path }) };
}

interface Timings {
  ms: number[];
  cpuMs: number;
  gc: { count: number; totalMs: number; maxMs: number };
}
const empty = (): Timings => ({ ms: [], cpuMs: 0, gc: { count: 0, totalMs: 0, maxMs: 0 } });

const row = (what: string, build: string, t: Timings, extra = ''): string =>
  `| ${what} | ${build} | ${t.ms.length} | ${percentile(t.ms, 50).toFixed(2)} | ${percentile(t.ms, 99).toFixed(2)} | ${Math.max(...t.ms).toFixed(2)} | ${t.cpuMs ? (t.cpuMs / t.ms.length).toFixed(2) : ''} | ${t.gc.count ? `${t.gc.count}, ${t.gc.totalMs.toFixed(0)} ms, max ${t.gc.maxMs.toFixed(1)}` : ''} | ${extra} |`;

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const ledger = await cachedLedger({ name: 'main', seed: 2026, events }, () => step(`Generating the main ledger (${events.toLocaleString('en-GB')} events); cached for later runs`));
  const work = mkdtempSync(join(tmpdir(), 'ledger-bench-traces-'));
  try {
    // One data directory prepared (read models rebuilt, so the server answers at once; the consultation appended), then copied for each build.
    const prepared = join(work, 'prepared');
    copyLedgerTo(ledger, prepared);
    step('Rebuilding the read models (the server answers only once they are caught up)');
    await runChild('rebuild', { dataDir: prepared });
    let server = await startLedgerServer(prepared);
    let large: string;
    try {
      step(`Appending a consultation with ${TRACED_RESPONSES.toLocaleString('en-GB')} responses and a decision citing it`);
      large = await appendLargeConsultation(server, prepared);
    } finally {
      await server.stop();
    }
    const dirs = new Map(builds.map((b) => [b.name, join(work, b.name)]));
    for (const dir of dirs.values()) cpSync(prepared, dir, { recursive: true });
    const decisions = sampleDecisions(ledger.path, decisionsTraced);

    say(`# Decision traces, ${events.toLocaleString('en-GB')}-event ledger (+ a ${TRACED_RESPONSES.toLocaleString('en-GB')}-response consultation)`);
    say(`${new Date().toISOString()}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}; builds: ${builds.map((b) => `${b.name} = ${b.dist}`).join(', ')}`);
    say('');
    say('| measure | build | n | p50 ms | p99 ms | max ms | CPU ms/trace | GC (count, total, longest ms) | |');
    say('|---|---|---|---|---|---|---|---|---|');

    // In-process first: no server competing for the cores.
    const loaded = await Promise.all(builds.map(importBuild));
    const stores: Store[] = [];
    const first = builds.map(empty);
    const spread = builds.map(empty);
    const big = builds.map(empty);
    try {
      for (const [i, build] of builds.entries()) {
        const { trace, open } = loaded[i] as Awaited<ReturnType<typeof importBuild>>;
        const store = open(join(dirs.get(build.name) as string, 'ledger.db'));
        stores.push(store);
        const started = performance.now();
        JSON.stringify(await trace(store, decisions[0] as string));
        first[i]?.ms.push(performance.now() - started);
        for (const id of decisions.slice(0, 10)) JSON.stringify(await trace(store, id));
        for (let k = 0; k < 10; k++) JSON.stringify(await trace(store, large));
      }
      /** One trace and its JSON, timed, on each build in turn (the order swapped every round). */
      const alternate = async (ids: readonly string[], into: Timings[], times: number) => {
        for (let round = 0; round < times; round++) {
          const order = round % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
          for (const id of ids) {
            for (const i of order) {
              const { trace } = loaded[i] as Awaited<ReturnType<typeof importBuild>>;
              const cpu = process.cpuUsage();
              const started = performance.now();
              JSON.stringify(await trace(stores[i], id));
              const t = into[i] as Timings;
              t.ms.push(performance.now() - started);
              const used = process.cpuUsage(cpu);
              t.cpuMs += (used.user + used.system) / 1000;
            }
          }
        }
      };
      step(`In-process: ${decisions.length} decisions × ${rounds} rounds, and the large decision × ${largeRuns}`);
      await alternate(decisions, spread, rounds);
      await alternate([large], big, largeRuns);
      // The builds share one heap while alternating: each one's GC is counted on a pass of its own, after.
      for (const [i] of builds.entries()) {
        const alone = await withGc(() => alternateOne(loaded[i] as Awaited<ReturnType<typeof importBuild>>, stores[i] as Store, decisions, large));
        (spread[i] as Timings).gc = alone.gc;
      }
    } finally {
      for (const store of stores) await store.close();
    }
    for (const [i, build] of builds.entries()) say(row('in-process: first trace after open (reads the links)', build.name, first[i] as Timings));
    for (const [i, build] of builds.entries()) say(row('in-process: decisions spread over the log', build.name, spread[i] as Timings, 'GC: a further pass of the spread + 50 large, this build alone'));
    for (const [i, build] of builds.entries()) say(row(`in-process: decision citing ${TRACED_RESPONSES.toLocaleString('en-GB')} responses`, build.name, big[i] as Timings));

    step('Over HTTP, alternating builds request by request');
    const servers: RunningServer[] = [];
    const tokens: string[] = [];
    try {
      for (const build of builds) {
        const dir = dirs.get(build.name) as string;
        // Each build's own bench/lib starts its own dist/src/cli.js.
        const own = (await import(pathToFileURL(join(build.dist, 'bench', 'lib', 'servers.js')).href)) as { startLedgerServer: typeof startLedgerServer };
        server = await own.startLedgerServer(dir);
        servers.push(server);
        tokens.push(await issueToken(server, dir, 'auditor'));
      }
      const get = (i: number, id: string) => timedTrace(`${(servers[i] as RunningServer).url}/v1/trace/decisions/${id}`, tokens[i] as string);
      const httpFirst = builds.map(empty);
      for (const i of builds.keys()) {
        httpFirst[i]?.ms.push((await get(i, decisions[0] as string)).ms);
        for (const id of decisions.slice(0, 10)) await get(i, id);
        for (let k = 0; k < 10; k++) await get(i, large);
      }
      const httpSpread = builds.map(empty);
      const httpBig = builds.map(empty);
      const bytes = builds.map(() => 0);
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
        for (const id of decisions) for (const i of order) httpSpread[i]?.ms.push((await get(i, id)).ms);
      }
      for (let k = 0; k < largeRuns; k++) {
        for (const i of k % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse()) {
          const timed = await get(i, large);
          httpBig[i]?.ms.push(timed.ms);
          bytes[i] = timed.bytes;
        }
      }
      for (const [i, build] of builds.entries()) say(row('HTTP: first trace after start', build.name, httpFirst[i] as Timings));
      for (const [i, build] of builds.entries()) say(row('HTTP: decisions spread over the log', build.name, httpSpread[i] as Timings));
      for (const [i, build] of builds.entries()) say(row(`HTTP: decision citing ${TRACED_RESPONSES.toLocaleString('en-GB')} responses`, build.name, httpBig[i] as Timings, `${Math.round((bytes[i] ?? 0) / 1024)} KiB`));
    } finally {
      for (const s of servers) await s.stop();
    }
    say('');
    say(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const out = option('--out');
    if (out) writeFileSync(out, `${lines.join('\n')}\n`);
  } finally {
    // --keep: the data directories stay, for a profile of one build (e.g. node --cpu-prof on a script calling traceDecision).
    if (argv.includes('--keep')) process.stdout.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** Every spread decision once and the large one 50 times, on one build alone: its GC, apart from the other build's garbage. */
async function alternateOne(build: Awaited<ReturnType<typeof importBuild>>, store: Store, decisions: readonly string[], large: string): Promise<void> {
  for (const id of decisions) JSON.stringify(await build.trace(store, id));
  for (let k = 0; k < 50; k++) JSON.stringify(await build.trace(store, large));
}

await main();
