// Wiring: open the configured store, the server's own database and the ledger,
// and build the HTTP server. The CLI's `serve` and the tests start the ledger this way.

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { SubjectKeys } from './privacy/key-store.js';
import { adminTokenPath, openServerState } from './server-state/open.js';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './api/server.js';
import { IdempotencyKeys } from './idempotency/keys.js';
import { ensureDataDir } from './data-dir.js';
import { scheduleCheckpoints } from './audit/integrity/schedule.js';
import type { Config } from './config.js';
import type { GroupCommitObserver } from './observability/observers.js';
import { Credentials, type Clock } from './credentials/credentials.js';
import { VerifiedTokens } from './credentials/verified-tokens.js';
import { configureDateRange } from './domain/values.js';
import { CommandHandler } from './ledger/command-handler.js';
import { Ledger } from './ledger/ledger.js';
import { Sessions } from './sessions/sessions.js';
import { govukFrontendAssets } from './assets/govuk-frontend.js';
import { Identities } from './identity/identities.js';
import { OidcSignIn } from './identity/oidc.js';
import { officersWorkbench } from './workbench/plugin.js';
import { openEventStoreDbEventStore } from './store/eventstoredb/index.js';
import type { EventStore } from './store/port.js';
import { openPostgresEventStore } from './store/postgres/index.js';
import { openSqliteEventStore } from './store/sqlite/index.js';
import { EmbeddedRunner } from './projections/embedded-runner.js';
import { allProjections, allViews } from './projections/registry.js';
import type { ReadModelStore } from './projections/read-model-store.js';
import { pollingReadSide } from './projections/read-side.js';
import { SqliteReadModels } from './projections/sqlite/sqlite-read-models.js';
import { createReadService, type ReadService } from './read/read-service.js';
import { scrutinyPages } from './web/plugin.js';
import { publicSite } from './public/plugin.js';
import { loadMessages } from './public/messages.js';
import { publicViews } from './projections/read-models/public/index.js';
import { parseMinimums } from './projections/read-models/lawful-consultation/adequate-time.js';
import { RedisReadModels } from './workers/redis-read-models.js';
import { loggerOptions } from './observability/logging.js';
import { LedgerMetrics } from './observability/metrics.js';
import { listenForMetrics, type MetricsListener } from './observability/metrics-route.js';
import { observeAppends } from './observability/observed-store.js';
import type { ReadinessCheck } from './observability/probes.js';
import { projectionsCurrent, redisReachable, serverStateReachable, storeReachable } from './observability/readiness.js';
import { watchRedis, type RedisWatch } from './observability/redis-watch.js';

export interface LedgerApp {
  config: Config;
  store: EventStore;
  ledger: Ledger;
  credentials: Credentials;
  sessions: Sessions;
  /** Personal-data keys (keys.db, or the shared database). */
  keys: SubjectKeys;
  /** Identities of the identity provider, mapped to roles and organisations (src/identity). */
  identities: Identities;
  server: FastifyInstance;
  /** Every read model, as the faces read them. */
  read: ReadService;
  /** The in-process runner; null when BullMQ workers keep the read models. */
  runner: EmbeddedRunner | null;
  /** Where the first administrator token was written, when this start created it. */
  adminTokenFile: string | null;
  metrics: LedgerMetrics;
  /** The metrics listener's address, when METRICS_PORT gives it one of its own. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/** Trust the nearest `hops` proxies, as fastify does for a numeric trustProxy. */
const hopsOf =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;

/** `observer`: told of group commits (SQLite), for the metrics. */
export function openStore(config: Config, observer?: GroupCommitObserver): EventStore {
  if (config.STORE === 'eventstoredb') return openEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL as string });
  if (config.STORE === 'postgres') return openPostgresEventStore({ connectionString: config.DATABASE_URL as string });
  return openSqliteEventStore({ path: join(resolve(config.DATA_DIR), 'ledger.db'), synchronous: config.SQLITE_SYNCHRONOUS, observer, writer: config.SQLITE_WRITER ?? 'loop' });
}

export interface OpenOptions {
  /** false: no log at all (tests); a stream: JSON lines there (tests that read the log). Default: standard output. */
  logger?: false | NodeJS.WritableStream;
  /** Credentials' and sessions' time (tests move it to see expiry). */
  clock?: Clock;
}

export async function openLedgerApp(config: Config, options: OpenOptions = {}): Promise<LedgerApp> {
  configureDateRange({ min: config.DATE_MIN, max: config.DATE_MAX });
  const dataDir = resolve(config.DATA_DIR);
  ensureDataDir(dataDir);
  // Credentials, sessions, idempotency claims, signed checkpoints and personal-data keys:
  // in DATA_DIR, or with STORE=postgres in the database every node shares.
  const state = await openServerState(config, { node: randomUUID() });
  const { integrity, keys } = state;
  const metrics = new LedgerMetrics();
  const store = observeAppends(openStore(config, metrics), metrics);
  const credentials = new Credentials(state.credentials, options.clock, new VerifiedTokens(config.AUTH_CACHE_MS));
  const sessions = new Sessions(state.sessions, options.clock);
  const identities = new Identities(state.identities);
  const oidc =
    config.OIDC_ISSUER && config.OIDC_CLIENT_ID
      ? new OidcSignIn({ issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, ...(config.OIDC_CLIENT_SECRET ? { clientSecret: config.OIDC_CLIENT_SECRET } : {}) }, state.identities)
      : null;
  const embedded = config.PROJECTIONS === 'embedded';
  const readModels: ReadModelStore = embedded
    ? new SqliteReadModels(join(dataDir, 'readmodels.db'))
    : RedisReadModels.open(config.REDIS_URL, { prefix: config.REDIS_PREFIX });
  const runner = embedded ? new EmbeddedRunner(store, readModels, allProjections, { observer: metrics }) : null;
  const readSide = runner ? runner.readSide() : pollingReadSide(store, readModels, allProjections);
  const read = createReadService({ readSide, views: allViews });
  // The public site reads its own views (only what is published) through the same read service code.
  const publicSettings = {
    suppressionThreshold: config.PUBLIC_SUPPRESSION_THRESHOLD,
    outcomeDueDays: config.PUBLIC_OUTCOME_DUE_DAYS,
    gunning: { byMethod: parseMinimums(config.GUNNING_MINIMUMS) },
    overConsultedAt: 4,
    underConsultedAt: 0,
  };
  const publicRead = createReadService({ readSide, views: publicViews(publicSettings) });
  const ledger = new Ledger(new CommandHandler({ store }), { onAppended: () => runner?.poke() });

  let adminTokenFile: string | null = null;
  // First start of a new ledger: one administrator token, readable only by this user. Of
  // several nodes starting together, the one that issued it writes it.
  const admin = (await credentials.hasAdmin()) ? null : await credentials.issueFirstAdmin({ label: 'first administrator', createdBy: 'ledger first start' });
  if (admin) {
    adminTokenFile = adminTokenPath(config);
    writeFileSync(adminTokenFile, `${admin.token}\n`, { mode: 0o600 });
  }

  // Embedded: projections run in this process; rebuild any whose version changed, then follow the log.
  await runner?.start();

  // Workers keep the read models in Redis: the server watches it for readiness and queue depths.
  const redis: RedisWatch | null = embedded ? null : watchRedis(config.REDIS_URL, config.REDIS_PREFIX, allProjections.map((p) => p.name));
  const readiness: ReadinessCheck[] = [
    storeReachable(store),
    serverStateReachable(state.ping),
    ...(redis ? [redisReachable(redis.ping)] : []),
    projectionsCurrent(() => readSide.states(), config.READY_MAX_PROJECTION_LAG),
  ];
  metrics.readFrom({
    projections: () => readSide.states(),
    latestCheckpoint: async () => {
      const latest = (await integrity.checkpoints.latest())?.statement;
      return latest ? { position: latest.position, signedAt: latest.signedAt } : null;
    },
    ...(redis ? { queueDepths: redis.queueDepths } : {}),
  });

  const idempotency = new IdempotencyKeys(state.claims, store);
  const server = await buildServer(
    {
      store,
      ledger,
      credentials,
      sessions,
      identities,
      ...(config.OIDC_ISSUER ? { oidcIssuer: config.OIDC_ISSUER } : {}),
      idempotency,
      read,
      integrity,
      keys,
      observability: { metrics, readiness, readyCheckTimeoutMs: config.READY_CHECK_TIMEOUT_MS, metricsOnApi: config.METRICS_PORT === undefined },
    },
    {
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      // A number is a count of hops, as fastify reads one (its types list only the other forms).
      trustProxy: typeof config.TRUST_PROXY === 'number' ? hopsOf(config.TRUST_PROXY) : config.TRUST_PROXY,
      timeouts: {
        requestMs: config.REQUEST_TIMEOUT_MS,
        headersMs: config.HEADERS_TIMEOUT_MS,
        keepAliveMs: config.KEEP_ALIVE_TIMEOUT_MS,
        connectionMs: config.CONNECTION_TIMEOUT_MS,
      },
      logger: options.logger === false ? false : loggerOptions({ level: config.LOG_LEVEL, ...(options.logger ? { destination: options.logger } : {}) }),
    },
  );
  // The faces side by side over the same services: the API (above), then the scrutiny pages.
  await server.register(scrutinyPages, { read, store, credentials, sessions });
  // GOV.UK Frontend's assets, once, for every face that uses them; then the officers' workbench
  // beside the API and the scrutiny pages, over the same services.
  await server.register(govukFrontendAssets);
  await server.register(officersWorkbench, {
    ledger,
    store,
    idempotency,
    keys,
    credentials,
    sessions,
    identities,
    oidc,
    publicUrl: config.PUBLIC_URL,
    adminContact: config.ADMIN_CONTACT,
    read,
  });
  // The public site, which takes `/`.
  await server.register(publicSite, {
    read: publicRead,
    store,
    integrity,
    settings: publicSettings,
    messages: loadMessages(config.PUBLIC_LANGUAGE),
    rateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
    publicUrl: config.PUBLIC_URL,
    contact: config.PUBLIC_CONTACT,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // Sign the head every 15 minutes when the log grew (stops by itself on a store without a chain).
  const checkpoints = scheduleCheckpoints(store, integrity, {
    onError: (error) => server.log.error({ err: error }, 'the periodic checkpoint was not signed'),
    observer: metrics,
  });
  const metricsListener: MetricsListener | null =
    config.METRICS_PORT === undefined ? null : await listenForMetrics(metrics, config.METRICS_HOST, config.METRICS_PORT);
  return {
    config,
    store,
    ledger,
    credentials,
    sessions,
    keys,
    identities,
    server,
    read,
    runner,
    adminTokenFile,
    metrics,
    metricsUrl: metricsListener?.url ?? null,
    async close() {
      checkpoints.stop();
      await metricsListener?.close();
      await server.close();
      await redis?.close();
      await runner?.stop();
      await readModels.close();
      idempotency.close();
      await store.close();
      await state.close();
    },
  };
}
