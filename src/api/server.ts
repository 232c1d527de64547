// The HTTP API: thin. Parse with zod, call the ledger, reply. One plugin per resource.

import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAuthentication } from './auth.js';
import { registerNoStore } from './no-store.js';
import type { Sessions } from '../sessions/sessions.js';
import { rateLimitKey } from './rate-limit.js';
import { frameworkErrorOptions, registerErrorHandling } from './errors.js';
import { personalDataRoutes } from '../privacy/http.js';
import { actionRoutes } from './routes/actions.js';
import { activityRoutes } from './routes/activities.js';
import { credentialRoutes } from './routes/credentials.js';
import { identityRoutes } from './routes/identities.js';
import { readModelRoutes } from './routes/read-models.js';
import { decisionRoutes } from './routes/decisions.js';
import { eventFeedRoutes } from './routes/events.js';
import { traceRoutes } from './routes/trace.js';
import { integrityRoutes } from './routes/integrity.js';
import { healthCheckRoutes } from './routes/health-checks.js';
import { organisationRoutes } from './routes/organisations.js';
import { planRoutes } from './routes/plans.js';
import { areaRoutes, communityRoutes } from './routes/reference-data.js';
import { voiceEvaluationRoutes } from './routes/voice-evaluations.js';
import { openApiOptions } from './openapi/options.js';
import { sendDocument, serveOpenApi } from './openapi/serve.js';
import { observeRequests } from '../observability/http.js';
import { registerMetricsRoute } from '../observability/metrics-route.js';
import { registerProbes } from '../observability/probes.js';
import type { ServerDeps, Timeouts } from './deps.js';

export type { Observability, ReadDeps, ServerDeps, Timeouts } from './deps.js';

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
  identityRoutes(app, deps);
  readModelRoutes(app, deps.read);
  return app;
}
