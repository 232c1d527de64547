// The HTTP API: thin. Parse with zod, call the ledger, reply. One plugin per resource.

import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Credentials } from '../credentials/credentials.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EventStore } from '../store/port.js';
import { registerAuthentication } from './auth.js';
import { registerNoStore } from './no-store.js';
import type { Sessions } from '../sessions/sessions.js';
import { rateLimitKey } from './rate-limit.js';
import { frameworkErrorOptions, registerErrorHandling } from './errors.js';
import type { IdempotencyKeys } from './idempotency.js';
import type { SubjectKeys } from '../privacy/key-store.js';
import { personalDataRoutes } from '../privacy/http.js';
import { actionRoutes } from './routes/actions.js';
import { activityRoutes } from './routes/activities.js';
import { credentialRoutes } from './routes/credentials.js';
import { readModelRoutes } from './routes/read-models.js';
import type { ReadSide } from '../projections/read-side.js';
import type { ReadModelView } from '../projections/read-model-view.js';
import { decisionRoutes } from './routes/decisions.js';
import { eventFeedRoutes } from './routes/events.js';
import { traceRoutes } from './routes/trace.js';
import { integrityRoutes } from './routes/integrity.js';
import type { LedgerIntegrity } from '../audit/integrity/ledger-integrity.js';
import { healthCheckRoutes } from './routes/health-checks.js';
import { organisationRoutes } from './routes/organisations.js';
import { planRoutes } from './routes/plans.js';
import { areaRoutes, communityRoutes } from './routes/reference-data.js';
import { voiceEvaluationRoutes } from './routes/voice-evaluations.js';
import { scrutinyPages } from '../web/plugin.js';
import { openApiOptions } from './openapi/options.js';
import { sendDocument, serveOpenApi } from './openapi/serve.js';
import { observeRequests } from '../observability/http.js';
import type { LedgerMetrics } from '../observability/metrics.js';
import { registerMetricsRoute } from '../observability/metrics-route.js';
import { registerProbes, type ReadinessCheck } from '../observability/probes.js';

export interface ReadDeps {
  store: EventStore;
}

export interface ServerDeps extends ReadDeps {
  ledger: Ledger;
  credentials: Credentials;
  /** Browser sessions (the scrutiny pages): server-side records, src/sessions. */
  sessions: Sessions;
  idempotency: IdempotencyKeys;
  readSide: ReadSide;
  /** The signing key and the statements kept in server.db (tamper evidence). */
  integrity: LedgerIntegrity;
  views: readonly ReadModelView[];
  /** Per-subject keys (DATA_DIR/keys.db): feedback is sealed with them on the way in, revealed per reader on the way out. */
  keys: SubjectKeys;
  /** Probes, metrics and request logging (src/observability). */
  observability: Observability;
}

export interface Observability {
  metrics: LedgerMetrics;
  readiness: readonly ReadinessCheck[];
  readyCheckTimeoutMs: number;
  /** False when /metrics has a listener of its own (METRICS_PORT). */
  metricsOnApi: boolean;
}

/** How long a client may take (config.ts says what each means). */
export interface Timeouts {
  requestMs: number;
  headersMs: number;
  keepAliveMs: number;
  connectionMs: number;
}

export interface ServerOptions {
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** fastify's trustProxy (TRUST_PROXY): whose X-Forwarded-* headers to believe. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  timeouts: Timeouts;
  logger?: FastifyServerOptions['logger'];
}

export async function buildServer(deps: ServerDeps, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes,
    // Ids in URLs are case-sensitive ULIDs and slugs; never rewrite them.
    routerOptions: { caseSensitive: true, ignoreTrailingSlash: true },
    genReqId: () => crypto.randomUUID(),
    // Behind a TLS proxy the protocol (hence the session cookie's Secure flag) and the client's address come from it.
    trustProxy: options.trustProxy ?? false,
    // One completion line per request, with who asked (src/observability/http.ts), instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A client that drips its request is cut off (408) once requestMs or headersMs pass; node
    // looks for such connections every connectionsCheckingInterval, so look often.
    requestTimeout: options.timeouts.requestMs,
    keepAliveTimeout: options.timeouts.keepAliveMs,
    connectionTimeout: options.timeouts.connectionMs,
    http: { headersTimeout: options.timeouts.headersMs, connectionsCheckingInterval: Math.min(1_000, options.timeouts.headersMs) },
    // Router and HTTP-parser refusals answer in the one error shape too.
    ...frameworkErrorOptions,
  });
  // JSON only: a text body is a wrong content type (415), not a malformed command.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(helmet, { global: true });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per credential where the token is one, else per address (src/api/rate-limit.ts says why).
    keyGenerator: rateLimitKey(deps.credentials),
    // Not per route: route hooks run after authentication, which would let requests it
    // refuses (401: token guessing) go uncounted. One app hook, added before it, counts all.
    global: false,
  });
  const rateLimited = app.rateLimit();
  // Probes are exempt: an orchestrator polling must never be told to wait.
  app.addHook('onRequest', async (request, reply) => (request.routeOptions.config.probe ? undefined : rateLimited.call(app, request, reply)));
  observeRequests(app, deps.observability.metrics);
  await app.register(swagger, openApiOptions);
  const openApi = serveOpenApi(app);
  await app.register(async (docs) => {
    // The documentation is public; every other route must name the roles that may call it.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list' },
      // The UI's copy of the document is the one built once, too.
      uiHooks: {
        onRequest: (request, reply, done) => {
          if (request.routeOptions.url === '/docs/json') sendDocument(openApi.document(), request, reply);
          else done();
        },
      },
    });
  });
  // Parsed before authentication reads it: the scrutiny pages' session cookie.
  await app.register(cookie);
  registerAuthentication(app, deps.credentials, deps.sessions);
  registerNoStore(app);
  personalDataRoutes(app, deps);

  registerProbes(app, deps.observability.readiness, { checkTimeoutMs: deps.observability.readyCheckTimeoutMs });
  if (deps.observability.metricsOnApi) registerMetricsRoute(app, deps.observability.metrics);

  organisationRoutes(app, deps);
  areaRoutes(app, deps);
  communityRoutes(app, deps);
  planRoutes(app, deps);
  activityRoutes(app, deps);
  decisionRoutes(app, deps);
  actionRoutes(app, deps);
  healthCheckRoutes(app, deps);
  voiceEvaluationRoutes(app, deps);
  eventFeedRoutes(app, deps);
  traceRoutes(app, deps);
  integrityRoutes(app, { ...deps, observer: deps.observability.metrics });
  credentialRoutes(app, deps);
  readModelRoutes(app, deps.readSide, deps.views);
  await app.register(scrutinyPages, deps);
  return app;
}
