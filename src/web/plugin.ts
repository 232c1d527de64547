// The scrutiny pages: read-only HTML for panels, community representatives and auditors, served
// by the API's own server. Registered as an encapsulated plugin, so the form-body parser, the
// template engine and the HTML error pages stay here and the JSON API is unchanged (it still
// answers 415 to a form body and JSON errors to every client).

import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorReply } from '../http/errors.js';
import type { PageDeps } from './deps.js';
import { actionPages } from './pages/actions.js';
import { calendarPage } from './pages/calendar.js';
import { dashboardPage } from './pages/dashboard.js';
import { duplicationPage } from './pages/duplication.js';
import { healthCheckPage } from './pages/health-check.js';
import { influencePage } from './pages/influence.js';
import { navigation } from './pages/page.js';
import { tracePages } from './pages/trace.js';
import { assetsDir, chartJsDir, templatesDir } from './paths.js';
import { PAGE_ROLES, sessionRoutes } from './session.js';

/** A browser navigating asks for HTML; API clients and scripts do not. */
export const wantsHtml = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('text/html');

/** Stylesheets, scripts and chart.js: public, like the login page they serve. */
async function assets(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/pages/assets/', decorateReply: false, index: false, maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: chartJsDir,
    prefix: '/pages/vendor/',
    decorateReply: false,
    index: false,
    maxAge: '1h',
    allowedPath: (path) => path === '/chart.umd.min.js',
  });
}

/**
 * Errors as pages for a browser: not signed in goes to the login form (303), anything else is
 * an HTML page with the same status and message. Other clients get the API's JSON error.
 */
function pageErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, body] = errorReply(error);
    if (status >= 500) request.log.error({ err: error }, 'a scrutiny page failed');
    if (!wantsHtml(request)) return reply.status(status).send(body);
    if (status === 401 && request.method === 'GET') return reply.redirect(`/pages/login?${new URLSearchParams({ next: request.url })}`, 303);
    return reply.status(status).view('error', { title: `${status}: ${body.error.code}`, actor: request.actor, navigation, current: '', status, error: body.error });
  });
}

export async function scrutinyPages(app: FastifyInstance, deps: PageDeps): Promise<void> {
  await app.register(formbody);
  await app.register(view, {
    engine: { eta: new Eta({ views: templatesDir, autoEscape: true, cache: true }) },
    root: templatesDir,
    viewExt: 'eta',
  });
  await app.register(assets);
  pageErrors(app);
  sessionRoutes(app, deps);

  dashboardPage(app, deps);
  influencePage(app, deps);
  healthCheckPage(app, deps);
  duplicationPage(app, deps);
  actionPages(app, deps);
  calendarPage(app, deps);
  tracePages(app, deps);
}
