// The audit trace: from a decision back to the engagement that fed it, or from an activity
// forward to the decisions and actions that followed, read from the log itself (every event
// with its provenance and hash). JSON, or Mermaid text to paste into a report.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FEEDBACK_SUMMARY, TRACE_FEEDBACK_PAGE, traceGraphSchema, type FeedbackListing, type TraceGraph } from '../../audit/trace/graph.js';
import { toMermaid } from '../../audit/trace/mermaid.js';
import { traceLinksOf } from '../../audit/trace/links.js';
import { traceActivity, traceDecision } from '../../audit/trace/read.js';
import type { EventStore } from '../../store/port.js';
import { ALL_ROLES } from '../auth.js';
import { notFoundCode } from '../entity-routes.js';
import { ApiError } from '../errors.js';
import { pathParams, pathParamsSchema } from '../paths.js';
import { errorResponses } from '../schemas.js';

export const MERMAID_MEDIA_TYPE = 'text/vnd.mermaid';

const query = z.object({
  format: z.enum(['json', 'mermaid']).optional().meta({ description: `mermaid: flowchart text (also chosen by Accept: ${MERMAID_MEDIA_TYPE})` }),
  feedback: z.enum(['summary', 'all']).optional().meta({ description: `all: every response of a feedback node, ${TRACE_FEEDBACK_PAGE} a page` }),
  feedbackAfter: z.coerce.number().int().min(0).optional().meta({ description: 'With feedback=all: a `next` from the last page' }),
});

/** What the query asks of the feedback nodes. */
function feedbackListing(q: z.infer<typeof query>): FeedbackListing {
  return q.feedback === 'all' ? { feedback: 'all', after: q.feedbackAfter ?? 0 } : FEEDBACK_SUMMARY;
}

interface TraceRoute {
  url: string;
  noun: string;
  summary: string;
  description: string;
  trace(store: EventStore, id: string, listing: FeedbackListing): Promise<TraceGraph | null>;
}

const traces: readonly TraceRoute[] = [
  {
    url: '/v1/trace/decisions/:decisionId',
    noun: 'decision',
    summary: 'Trace a decision back to the engagement that fed it',
    description:
      'The decision, its influence links (withdrawn ones marked), the findings and activities they cite, the feedback those findings summarise ' +
      '(counted, the first and last listed, all with ?feedback=all; never feedback text in a label) and when participants were told. Every node lists its events with id, type, version, ' +
      'position, occurredAt, recordedAt, actor, organisation and hash, read from the log as of `asOf`.',
    trace: traceDecision,
  },
  {
    url: '/v1/trace/activities/:activityId',
    noun: 'activity',
    summary: 'Trace an activity forward to the decisions and actions that followed',
    description:
      'The activity, its feedback and findings, the decisions that cite it or its findings, the feedback given to its participants, and the ' +
      'actions of the plan (and objective) it serves. Finding the citing decisions scans the log.',
    trace: traceActivity,
  },
];

/** ?format wins; without it, Accept: text/vnd.mermaid asks for Mermaid. */
function mermaidMediaType(request: FastifyRequest, format: 'json' | 'mermaid' | undefined): string | null {
  const accepts = (request.headers.accept ?? '').includes(MERMAID_MEDIA_TYPE);
  if (format === 'mermaid') return accepts ? MERMAID_MEDIA_TYPE : 'text/plain';
  return format === undefined && accepts ? MERMAID_MEDIA_TYPE : null;
}

export function traceRoutes(app: FastifyInstance, deps: { store: EventStore }): void {
  // The first trace of a process reads every linking event (links.ts): read them as the server
  // starts, off any request's path. A failed read is left for the first trace to carry on.
  app.addHook('onReady', async () => {
    void deps.store
      .headPosition()
      .then((head) => traceLinksOf(deps.store).catchUp(deps.store, head))
      .catch(() => undefined);
  });
  for (const route of traces) {
    const [param] = pathParams(route.url) as [string];
    app.withTypeProvider<ZodTypeProvider>().get(
      route.url,
      {
        // Every role reads the audit trail, as it reads entities and their history.
        config: { roles: ALL_ROLES, personalData: true },
        schema: {
          summary: route.summary,
          description: route.description,
          tags: ['audit'],
          params: pathParamsSchema([param]),
          querystring: query,
          response: {
            200: {
              description: 'The trace graph, or Mermaid flowchart text',
              content: {
                'application/json': { schema: traceGraphSchema },
                'text/plain': { schema: z.string() },
                [MERMAID_MEDIA_TYPE]: { schema: z.string() },
              },
            },
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const id = (request.params as Record<string, string>)[param] as string;
        const graph = await route.trace(deps.store, id, feedbackListing(request.query));
        if (!graph) throw new ApiError(404, notFoundCode(route.noun), `no ${route.noun} ${id}`, { [param]: id });
        const mediaType = mermaidMediaType(request, request.query.format);
        if (mediaType) return reply.type(`${mediaType}; charset=utf-8`).send(toMermaid(graph));
        // Sent as the object, so the personal-data hook reveals its sealed responses on the object
        // (privacy/http.ts) and it is serialised once, after; serialised by JSON.stringify rather
        // than by the route's schema: checking every event of a large trace against it doubled the
        // time of a trace (the graph is built typed by that same schema).
        return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(graph);
      },
    );
  }
}
