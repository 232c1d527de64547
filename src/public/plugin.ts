// The public site: what residents read, with no sign-in and no cookies. One encapsulated fastify
// plugin beside the API and the scrutiny pages (it imports neither): its template engine, its
// stylesheet, its own per-address rate limit and its error pages stay in its scope. Every page
// reads the public views through a read service of its own; every answer is public and cacheable
// for a minute, with an ETag from the read models' position and a 304 on revalidation.

import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorReply } from '../http/errors.js';
import { PUBLIC_CACHE } from '../http/public-cache.js';
import type { PublicDeps } from './deps.js';
import { jsonForScript } from './feeds/json-ld.js';
import { aboutPages } from './pages/about.js';
import { consultationPages } from './pages/consultations.js';
import { decisionPages } from './pages/decisions.js';
import { feedPages } from './pages/feeds.js';
import { placePages } from './pages/places.js';
import { proofPages } from './pages/proofs.js';
import { assetsDir, templatesDir } from './paths.js';
import { Site } from './site.js';

export const PUBLIC_ASSETS = '/assets/public/';

/** @fastify/rate-limit's own limiter maker, which the server that registered it decorates. */
type LimiterMaker = (options: { max: number; timeWindow: number; keyGenerator(request: FastifyRequest): string }) => (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** A browser navigating asks for HTML; scripts and feed readers do not. */
const wantsHtml = (request: FastifyRequest): boolean => {
  const accept = request.headers.accept ?? '';
  const format = (request.query as Record<string, unknown> | undefined)?.format;
  return format === undefined && accept.includes('text/html');
};

function errorPages(app: FastifyInstance, site: Site): void {
  const { t } = site.messages;
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, body] = errorReply(error);
    if (status >= 500) request.log.error({ err: error }, 'a public page failed');
    // Refusals are not cached: a withdrawn page must not linger as a 404 either, only for a minute at most.
    reply.header('cache-control', status === 404 ? 'public, max-age=60' : 'no-store');
    if (status === 429 && body.error.details.retryAfterSeconds) reply.header('retry-after', String(body.error.details.retryAfterSeconds));
    if (!wantsHtml(request)) return reply.status(status).send(body);
    const [titleKey, textKey] =
      status === 404 ? ['errors.notFoundTitle', 'errors.notFound'] : status === 429 ? ['errors.tooManyTitle', 'errors.tooMany'] : status >= 500 ? ['errors.serverTitle', 'errors.server'] : ['errors.badRequestTitle', null];
    return reply.status(status).view('error', { title: t(titleKey), text: textKey ? t(textKey) : body.error.message, t, lang: site.messages.lang, current: '', path: request.url, formats: null });
  });
}

/** Its own limit per address, over the API's: a public site is read by crawlers and the curious. */
function rateLimit(app: FastifyInstance, perMinute: number): void {
  const make = (app as unknown as { createRateLimit?: LimiterMaker }).createRateLimit;
  const limiter = make?.call(app, { max: perMinute, timeWindow: 60_000, keyGenerator: (request) => `public:${request.ip}` });
  if (!limiter) throw new Error('the public site needs @fastify/rate-limit registered on the server');
  app.addHook('onRequest', async (request) => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) {
      throw new ApiError(429, 'RATE_LIMITED', `more than ${perMinute} requests a minute from this address; wait a minute`, { retryAfterSeconds: result.ttlInSeconds ?? 60 });
    }
  });
}

export async function publicSite(app: FastifyInstance, deps: PublicDeps): Promise<void> {
  const site = new Site(deps);
  // Everything here is public and answers everyone alike.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, ...PUBLIC_CACHE };
  });
  await app.register(view, {
    engine: { eta: new Eta({ views: templatesDir, autoEscape: true, cache: true }) },
    root: templatesDir,
    viewExt: 'eta',
    defaultContext: { jsonForScript },
  });
  await app.register(fastifyStatic, { root: assetsDir, prefix: PUBLIC_ASSETS, decorateReply: false, index: false, maxAge: '1h' });
  rateLimit(app, deps.rateLimitPerMinute);
  errorPages(app, site);
  consultationPages(app, site);
  feedPages(app, site);
  decisionPages(app, site);
  placePages(app, site);
  aboutPages(app, site);
  proofPages(app, site);
}
