// The report: a dated table of every figure with its target, the machine, and how each
// was measured. `npm run bench` writes it to BENCHMARKS.md; notes written by hand below
// the marker line of an existing BENCHMARKS.md are kept.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from './lib/figures.js';
import type { Machine } from './lib/machine.js';
import type { Profile } from './lib/profile.js';

export const NOTES_MARKER = '<!-- Everything below this line is written by hand and kept when `npm run bench` rewrites the file. -->';

export interface Report {
  date: Date;
  machine: Machine;
  profile: Profile;
  figures: Figure[];
  minutes: number;
  ledgers: string[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : '**not met**');

export function table(figures: readonly Figure[]): string {
  const lines = ['| | measure | result | target | | how |', '|---|---|---|---|---|---|'];
  for (const f of figures) lines.push(`| ${f.group} | ${cell(f.measure)} | ${cell(f.value)} | ${cell(f.target)} | ${verdict(f.met)} | ${cell(f.note)} |`);
  return lines.join('\n');
}

const method = `## How it was measured

\`npm run bench\` compiles the product and the benchmark together (\`tsc -p bench/tsconfig.json\`, into
\`dist/\`) and runs \`node dist/bench/run.js\`: everything measured is built JavaScript, as shipped.
Each heavy measurement runs in a child process of its own (its memory is its own, and one measurement's
heap does not slow the next); servers are separate processes.

- **Ledgers**: \`src/generate\` (seeded, deterministic): organisations, areas, communities, plans with
  objectives and indicators, activities of all four categories with feedback, findings, decisions citing
  activities and findings, actions with status changes, retimings and progress, health-check cycles and
  submissions, VOiCE evaluations. The main ledger is the default mix; the duplication ledger is
  activity-heavy (\`activityHeavyWeights\` in bench/lib/profile.ts: plan, open, close, few responses) over ten
  years. Both are generated once and cached in the system temp directory, keyed by seed, size and the code
  of src/generate, src/domain and src/store; every measurement works on a copy.
- **API append**: \`node dist/src/cli.js serve\` on a fresh DATA_DIR (SQLite store, \`SQLITE_SYNCHRONOUS=FULL\`:
  a 201 means the event is on disk; embedded projections running, as \`npm start\` runs it; \`LOG_LEVEL=warn\`,
  so no per-request log lines; the per-token rate limit raised out of the way). One organisation, its open
  activities created through the API; then autocannon (programmatic, in the bench process) sends
  \`POST /v1/activities/:id/feedback\` with one response, a bearer token and a unique \`Idempotency-Key\`, to the
  activities in turn. Any non-2xx answer fails the measurement. One 1-second warm-up first.
  **autocannon and the server share the machine's cores**, so both HTTP figures are lower than on a
  machine with a separate load generator, and their ratio is the meaningful figure. The API append's runs
  and the no-op's alternate (ledger, no-op, ledger, no-op...), both servers up throughout, each run
  started once the ledger's projections have caught up (\`GET /v1/projections\`, every lag 0); each figure
  is the median of its own runs.
- **No-op**: \`dist/bench/noop-server.js\`: fastify 5 with fastify-type-provider-zod, the feedback route's
  params, headers and 200 response schemas, and its body schema less the optional personal-data fields
  (\`respondent\`, \`personalText\`) and \`source\`; none of the ledger's helmet headers, rate limit, cookie
  parsing, bearer-token auth, request metrics, no-store hook, Idempotency-Key claim, sealing or store; the
  same autocannon load.
- **Batch append**: \`POST /v1/activities/:id/feedback {"responses": [...]}\` on the same server (all or nothing,
  one append per request), a few requests in flight, each to another activity.
- **Raw insert**: better-sqlite3 alone (child): the rows the batch route stores (stream, revision, ULID id,
  type, JSON data and metadata; same key and unique constraints; no hash chain), WAL, \`synchronous=FULL\`,
  one transaction per 1,000 rows; as many rows as one batch-append run.
- **Raw read-and-parse**: better-sqlite3 alone (child): \`SELECT * FROM events ORDER BY position\` over the main
  ledger, \`JSON.parse\` of each row's data.
- **Rebuild (embedded)**: a child opens a copy of the main ledger and runs \`EmbeddedRunner.rebuildAll()\` over
  every projection (one pass over the log, what the server runs at start when projections changed) into a
  fresh readmodels.db; events/s = events in the log / wall time; peak RSS = the child's
  \`process.resourceUsage().maxRSS\`.
- **Rebuild (BullMQ)**: \`ledger worker --role dispatcher\` and one or two \`ledger worker --role worker\` processes
  on a copy of the main ledger, Redis at 127.0.0.1:6379 under a fresh prefix (deleted afterwards); timed
  from spawning them until every projection's checkpoint in Redis reaches the head (so it includes process
  start, about half a second); RSS = the largest peak (VmHWM) among those processes.
- **Queries**: the built server over a rebuilt copy, requests from the bench process one at a time,
  timed from sending to the end of the body. Traces: \`GET /v1/trace/decisions/:id\` for decisions spread
  evenly over the log. Matrix: \`GET /v1/health-check/matrix\` with no filter. Duplication:
  \`GET /v1/duplication/clusters\` with no filter over the activity-heavy ledger.
- **Verify**: a child runs \`verifyLedger\` (what \`ledger verify\` and \`GET /v1/integrity\` run) over the main ledger, on one thread, then
  in ranges with a worker thread per core (\`ledger verify --parallel\`), the two alternated; CPU time is the child's, all threads.
- **Peer**: Emmett's SQLite event store, \`@event-driven-io/emmett-sqlite\` and \`@event-driven-io/emmett\` 0.38.5, in
  bench/peer (its own package, installed on first use, never a dependency of the ledger), against the
  ledger's store through the EventStore port, each in a child on a fresh file with its defaults (both WAL,
  synchronous FULL; Emmett's read back from its connection after the workload): appends of 10 events to
  streams in turn, each awaited (Emmett's store cannot take concurrent calls: it shares and closes one
  connection per call), then every stream read back. Emmett twice: its store as shipped
  (\`getSQLiteEventStore\`, which opens a sqlite3 connection for every call, sets WAL on it and closes it
  after: most of its time), and the fair row, its own exports on one connection opened once and kept open
  for the whole workload (\`sqliteConnection\`, \`createEventStoreSchema\` before the clock starts, as the
  ledger's store makes its schema when it opens; then \`appendToStream\` and \`readStream\`, the calls its
  store makes). Run by run the three alternate: ledger, Emmett per call, Emmett kept open.
- **PostgreSQL** (\`bench/measures/postgres.ts\`; the server at \`BENCH_DATABASE_URL\`, default 127.0.0.1:5432, as
  configured: the raw INSERT row notes its version and \`synchronous_commit\`; each run on a database of its own, dropped after): the same peer workload
  on the ledger's PostgreSQL store through the port and on Emmett's PostgreSQL event store,
  \`@event-driven-io/emmett-postgresql\` 0.42.0 (bench/peer/postgresql, its own package: the registry has no 0.38
  of it, and 0.42 needs emmett 0.42 beside the SQLite peer's 0.38.5), each in a child with its defaults; raw pg
  multi-row INSERTs (child: the raw-insert rows, 1,000 per transaction: BEGIN, one INSERT, COMMIT); and the batch route
  of a \`ledger serve\` with \`STORE=postgres\` (one node, as a scale-out node runs: \`PROJECTIONS=workers\`, no worker running), as for SQLite.
- **Scale-out** (\`bench/measures/nodes.ts\`): single-response POSTs with an Idempotency-Key, as the HTTP row,
  through one \`ledger serve\` and then through three on one PostgreSQL database (each a scale-out node:
  \`STORE=postgres\`, \`PROJECTIONS=workers\`, the shared keys; no worker runs), with the same total of autocannon
  connections spread over the nodes. CPU per event: user + system time from /proc of the ledger processes, and
  the busy time of every core (PostgreSQL's backends, autocannon and anything else running included), over the
  events acknowledged. The nodes, PostgreSQL and the load generator share the machine's cores.
`;

export function render(report: Report): string {
  const { machine, profile } = report;
  const date = report.date.toISOString().replace('T', ' ').slice(0, 16);
  return [
    '# Benchmarks',
    '',
    `Measured ${date} UTC by \`npm run bench\` (${report.minutes.toFixed(1)} minutes), commit ${machine.commit}${machine.dirty ? ' with uncommitted changes in src/' : ''}.`,
    '',
    `Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGb} GB; Node ${machine.node}.`,
    `Each figure is the median of ${profile.runs} runs unless it says otherwise (BullMQ rebuilds: ${profile.workerRuns} run${profile.workerRuns === 1 ? '' : 's'} each, as each takes long).`,
    `Ledgers: ${report.ledgers.join('; ')}.`,
    '',
    table(report.figures),
    '',
    method,
  ].join('\n');
}

/** Write BENCHMARKS.md, keeping the hand-written notes below the marker. */
export function writeBenchmarks(path: string, report: Report): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = previous.indexOf(NOTES_MARKER);
  const notes = at >= 0 ? previous.slice(at) : `${NOTES_MARKER}\n\n## Where the time goes\n\n(Notes from profiles, kept across runs.)\n`;
  writeFileSync(path, `${render(report)}\n${notes.trimEnd()}\n`);
}
