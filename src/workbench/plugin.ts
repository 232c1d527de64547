// The officers' workbench: server-rendered forms over the same services as the API (the ledger,
// the idempotency layer, sealing of personal data, the read side). One encapsulated fastify
// plugin, like the scrutiny pages: its form-body and upload parsers, its templates and its HTML
// errors stay inside it, and the JSON API answers as before. It imports no other face.
//
// Writes from the workbench go only through its own forms: each is a `browserForm` route, which
// src/api/auth.ts lets a session authorise only when the post comes from our own pages (Origin,
// Sec-Fetch-Site) and carries the session's form token. The JSON API still takes bearer tokens only.

import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, errorReply } from '../http/errors.js';
import type { WorkbenchDeps } from './deps.js';
import { decisionPages } from './pages/decision.js';
import { deskPage } from './pages/desk.js';
import { formPages } from './pages/forms.js';
import { importPages, UPLOAD_ROUTE } from './pages/import.js';
import { recordPage } from './pages/record.js';
import { page } from './page.js';
import { assetsDir, templatesDir } from './paths.js';
import { recordKinds } from './records.js';
import { signInRoutes, type SignInOptions } from './sign-in.js';

/** What an activity's page offers beyond its own forms. */
const activityLinks = (record: { id: string }) => [
  { label: 'Import responses from a spreadsheet', href: `/workbench/activities/${record.id}/import` },
  { label: 'Record a decision that took it into account', href: `/workbench/decisions/new?${new URLSearchParams({ activityId: record.id })}` },
];

const wantsHtml = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('text/html');

const HEADINGS: Record<number, string> = { 400: 'That cannot be read', 403: 'Not allowed', 404: 'Not found', 409: 'Changed meanwhile', 413: 'Too large', 422: 'Not recorded' };

/**
 * Errors as pages for a browser: not signed in goes to the sign-in page (303), anything else is a
 * page with the same status and the ledger's own message. Other clients get the API's JSON error.
 */
function workbenchErrors(app: FastifyInstance, deps: WorkbenchDeps): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A multipart upload the parser could not read (cut short, no boundary) is the sender's mistake.
    const unreadableUpload = !error.statusCode && String(request.headers['content-type'] ?? '').startsWith('multipart/') && request.routeOptions.url === UPLOAD_ROUTE;
    const [status, body] = errorReply(unreadableUpload ? new ApiError(400, 'UPLOAD_UNREADABLE', 'the upload could not be read: send the file again from the form') : error);
    if (status >= 500) request.log.error({ err: error }, 'a workbench page failed');
    if (!wantsHtml(request)) return reply.status(status).send(body);
    if (status === 401 && request.method === 'GET') return reply.redirect(`/workbench/sign-in?${new URLSearchParams({ next: request.url })}`, 303);
    return page(request, reply, deps.sessions, 'error', { title: `${status}: ${body.error.code}`, heading: HEADINGS[status] ?? 'Something went wrong', status, error: body.error }, status);
  });
}

export async function officersWorkbench(app: FastifyInstance, options: WorkbenchDeps & SignInOptions): Promise<void> {
  const deps = options;
  await app.register(formbody);
  await app.register(view, { engine: { eta: new Eta({ views: templatesDir, autoEscape: true, cache: true }) }, root: templatesDir, viewExt: 'eta' });
  await app.register(async (assets) => {
    assets.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await assets.register(fastifyStatic, { root: assetsDir, prefix: '/workbench/assets/', decorateReply: false, index: false, maxAge: '1h' });
  });
  workbenchErrors(app, deps);
  // The API's no-referrer makes a browser send "Origin: null" on our own forms, which a browser
  // without Sec-Fetch-Site would have refused; same-origin still tells other sites nothing.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('referrer-policy', 'same-origin');
    return payload;
  });
  signInRoutes(app, deps, options);
  deskPage(app, deps);
  decisionPages(app, deps);
  await importPages(app, deps);
  formPages(app, deps, { creatingFormsElsewhere: new Set(['decisions']) });
  for (const kind of recordKinds) recordPage(app, deps, kind, kind.path === 'activities' ? activityLinks : undefined);
}
