// The ledger's Prometheus metrics (prom-client). One registry per server, so two servers in
// one process (tests) never share counts; process metrics are per process, kept once.
// Counters move through the observer interfaces (observers.ts) and the HTTP hook (http.ts);
// gauges that describe state (projections, queues, checkpoints) are read at scrape time.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionState } from '../projections/read-side.js';
import type { LedgerObserver } from './observers.js';

/** What the gauges read when Prometheus scrapes. Each is optional: a part not running has none. */
export interface MetricsSources {
  projections?: () => Promise<ProjectionState[]>;
  /** BullMQ jobs per projection queue and state, when workers keep the read models. */
  queueDepths?: () => Promise<Array<{ queue: string; state: string; count: number }>>;
  /** The latest checkpoint the ledger signed. */
  latestCheckpoint?: () => Promise<{ position: number; signedAt: string } | null>;
}

/** One finished HTTP request, as http.ts reports it. */
export interface RequestObservation {
  method: string;
  /** The route's pattern (`/v1/activities/:activityId`), never the URL: ids would make a series each. */
  route: string;
  status: number;
  seconds: number;
  /** Answered from a stored Idempotency-Key response. */
  replayed: boolean;
  /** The error code of a refusal (4xx/5xx). */
  errorCode?: string;
}

/** Refusals that mean two writers met: counted apart, as an operator watches them. */
const CONFLICT_CODES = new Set(['REVISION_CONFLICT', 'IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED']);

let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A collect() that never stalls a scrape on a part that does not answer: the gauge stays empty. */
async function within<T>(ms: number, work: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class LedgerMetrics implements LedgerObserver {
  readonly registry = new Registry();
  private sources: MetricsSources = {};

  private readonly httpRequests = new Counter({ name: 'ledger_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly httpDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time from the request to the end of the response, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly replays = new Counter({ name: 'ledger_idempotent_replays_total', help: 'Writes answered from a stored Idempotency-Key response (nothing written)', registers: [this.registry] });
  private readonly conflicts = new Counter({ name: 'ledger_conflicts_total', help: 'Writes refused because another write met them: REVISION_CONFLICT, IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY_REUSED', labelNames: ['code'], registers: [this.registry] });
  private readonly appends = new Counter({ name: 'ledger_appends_total', help: 'Appends to the event store, by outcome (ok, conflict, error)', labelNames: ['outcome'], registers: [this.registry] });
  private readonly eventsAppended = new Counter({ name: 'ledger_events_appended_total', help: 'Events appended to the log', registers: [this.registry] });
  private readonly appendDuration = new Histogram({
    name: 'ledger_append_duration_seconds',
    help: 'Time an append takes, until it is durable',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly groupCommit = new Histogram({ name: 'ledger_group_commit_appends', help: 'Appends sharing one transaction (one fsync) in the embedded store’s group commit', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256], registers: [this.registry] });
  private readonly projectionBatches = new Counter({ name: 'ledger_projection_batches_total', help: 'Batches a projection applied', labelNames: ['projection'], registers: [this.registry] });
  private readonly projectionErrors = new Counter({ name: 'ledger_projection_errors_total', help: 'Batches a projection failed to apply (retried, then parked)', labelNames: ['projection'], registers: [this.registry] });
  private readonly verifications = new Counter({ name: 'ledger_verify_runs_total', help: 'Whole-log verifications, by result (ok, broken, no_chain)', labelNames: ['result'], registers: [this.registry] });
  private readonly lastVerifyOk = new Gauge({ name: 'ledger_verify_last_ok', help: '1 when the last verification held, 0 when it found the log broken', registers: [this.registry] });
  private readonly checkpoints = new Counter({ name: 'ledger_checkpoints_total', help: 'Checkpoint signings, by result (signed, refused)', labelNames: ['result'], registers: [this.registry] });

  constructor() {
    const self = this;
    new Gauge({
      name: 'ledger_projection_position',
      help: 'The last log position a projection applied',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        await self.collectProjections(this, (s) => s.position);
      },
    });
    new Gauge({
      name: 'ledger_projection_lag',
      help: 'Log positions between the head and a projection',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        await self.collectProjections(this, (s) => s.lag);
      },
    });
    new Gauge({
      name: 'ledger_projection_parked',
      help: '1 when a projection is parked (it stopped on an error and needs a rebuild)',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        await self.collectProjections(this, (s) => (s.status === 'parked' ? 1 : 0));
      },
    });
    new Gauge({
      name: 'ledger_queue_jobs',
      help: 'BullMQ jobs per projection queue and state (PROJECTIONS=workers)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const depths = self.sources.queueDepths ? await within(2_000, self.sources.queueDepths) : undefined;
        for (const { queue, state, count } of depths ?? []) this.set({ queue, state }, count);
      },
    });
    new Gauge({
      name: 'ledger_checkpoint_position',
      help: 'Log position of the latest signed checkpoint',
      registers: [this.registry],
      async collect() {
        const latest = self.sources.latestCheckpoint ? await within(2_000, self.sources.latestCheckpoint) : undefined;
        if (latest) this.set(latest.position);
      },
    });
    new Gauge({
      name: 'ledger_checkpoint_signed_timestamp_seconds',
      help: 'When the latest checkpoint was signed (Unix time)',
      registers: [this.registry],
      async collect() {
        const latest = self.sources.latestCheckpoint ? await within(2_000, self.sources.latestCheckpoint) : undefined;
        if (latest) this.set(Date.parse(latest.signedAt) / 1000);
      },
    });
  }

  /** Where the scrape-time gauges read from; set once the parts exist. */
  readFrom(sources: MetricsSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** The projections' states, read once per scrape and shared by the three projection gauges. */
  private projectionStates: Promise<ProjectionState[] | undefined> | undefined;

  private async collectProjections(gauge: Gauge, value: (state: ProjectionState) => number): Promise<void> {
    gauge.reset();
    const read = this.sources.projections;
    if (!read) return;
    this.projectionStates ??= within(2_000, read);
    for (const state of (await this.projectionStates) ?? []) gauge.set({ projection: state.name }, value(state));
  }

  requestCompleted(request: RequestObservation): void {
    const labels = { method: request.method, route: request.route, status: String(request.status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, request.seconds);
    if (request.replayed) this.replays.inc();
    if (request.errorCode && CONFLICT_CODES.has(request.errorCode)) this.conflicts.inc({ code: request.errorCode });
  }

  appendSettled(outcome: 'ok' | 'conflict' | 'error', events: number, seconds: number): void {
    this.appends.inc({ outcome });
    if (events > 0) this.eventsAppended.inc(events);
    this.appendDuration.observe(seconds);
  }

  groupCommitted(appends: number): void {
    this.groupCommit.observe(appends);
  }

  batchApplied(projection: string): void {
    this.projectionBatches.inc({ projection });
  }

  batchFailed(projection: string): void {
    this.projectionErrors.inc({ projection });
  }

  verified(ok: boolean | null): void {
    this.verifications.inc({ result: ok === null ? 'no_chain' : ok ? 'ok' : 'broken' });
    if (ok !== null) this.lastVerifyOk.set(ok ? 1 : 0);
  }

  checkpointSigned(ok: boolean): void {
    this.checkpoints.inc({ result: ok ? 'signed' : 'refused' });
  }

  /** The text format Prometheus scrapes: the ledger's metrics, then the process's. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([this.registry, processMetrics()]);
    this.projectionStates = undefined;
    try {
      return { contentType: this.registry.contentType, body: await merged.metrics() };
    } finally {
      this.projectionStates = undefined;
    }
  }
}
