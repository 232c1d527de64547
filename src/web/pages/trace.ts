// The audit trace as a page: a decision back to the engagement that fed it (or an activity forward
// to what followed), read by the same trace functions as GET /v1/trace/..., drawn as a nested list
// from the root, with tables of nodes and edges, the Mermaid text, and each node's events.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.js';
import type { PageDeps } from '../deps.js';
import type { FeedbackListing, TraceEdge, TraceGraph, TraceNode } from '../../audit/trace/graph.js';
import { toMermaid } from '../../audit/trace/mermaid.js';
import { traceActivity, traceDecision } from '../../audit/trace/read.js';
import { entityId } from '../../domain/values.js';
import type { EventStore } from '../../store/port.js';
import { label } from './labels.js';
import { page } from './page.js';
import { recordedFrom } from './sources.js';

/** One node of the nested list: the node, how it relates to the one above, and what hangs under it. */
export interface TreeItem {
  node: TraceNode;
  relation: TraceEdge['kind'] | null;
  /** Already shown higher up the list: linked to, not repeated. */
  repeated: boolean;
  children: TreeItem[];
}

/**
 * The graph as a tree from its root, following edges against the flow for a decision's trace
 * (what fed it) and with the flow for an activity's (what followed). A node reached twice is
 * listed once in full and then only named.
 */
export function traceTree(graph: TraceGraph): TreeItem | null {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const grow = (id: string, relation: TraceEdge['kind'] | null): TreeItem | null => {
    const node = nodes.get(id);
    if (!node) return null;
    if (seen.has(id)) return { node, relation, repeated: true, children: [] };
    seen.add(id);
    const next = graph.edges.filter((e) => (graph.direction === 'back' ? e.to === id : e.from === id));
    const children = next.flatMap((e) => grow(graph.direction === 'back' ? e.from : e.to, e.kind) ?? []);
    return { node, relation, repeated: false, children };
  };
  return grow(graph.root, null);
}

interface TraceKind {
  noun: 'decision' | 'activity';
  url: string;
  param: string;
  trace(store: EventStore, id: string, listing?: FeedbackListing): Promise<TraceGraph | null>;
}

const kinds: readonly TraceKind[] = [
  { noun: 'decision', url: '/pages/trace/decisions/:decisionId', param: 'decisionId', trace: traceDecision },
  { noun: 'activity', url: '/pages/trace/activities/:activityId', param: 'activityId', trace: traceActivity },
];

async function graphFor(kind: TraceKind, store: EventStore, request: FastifyRequest, listing?: FeedbackListing): Promise<{ id: string; graph: TraceGraph }> {
  const raw = (request.params as Record<string, string>)[kind.param];
  const parsed = entityId.safeParse(raw);
  if (!parsed.success) {
    throw new ApiError(400, 'VALIDATION_FAILED', `params.${kind.param} is not an id`, { issues: [{ path: `params.${kind.param}`, message: 'invalid id' }] });
  }
  const graph = await kind.trace(store, parsed.data, listing);
  if (!graph) throw new ApiError(404, `${kind.noun.toUpperCase()}_NOT_FOUND`, `no ${kind.noun} ${parsed.data}`, { [kind.param]: parsed.data });
  return { id: parsed.data, graph };
}

/** A node's events, all of them: a feedback node carries only those of the responses it lists, and counts the rest. */
const eventCount = (node: TraceNode): number => node.feedback?.events ?? node.events.length;

/** A label's first line names the node ("Finding agreed-priorities"); its second, where there is one, says what it is. */
const firstLine = (node: TraceNode): string => {
  const lines = node.label.split('\n');
  return lines[1] ?? lines[0] ?? node.id;
};

/** The label's other lines: the node's id first, then its facts. */
const otherLines = (node: TraceNode): string[] => {
  const lines = node.label.split('\n');
  return lines.length > 1 ? lines.filter((_, i) => i !== 1) : [];
};

export function tracePages(app: FastifyInstance, deps: PageDeps): void {
  for (const kind of kinds) {
    page(app, kind.url, 'trace', '', async (request) => {
      const { id, graph } = await graphFor(kind, deps.store, request);
      const base = kind.url.replace(`:${kind.param}`, encodeURIComponent(id));
      const root = graph.nodes.find((n) => n.id === graph.root);
      return {
        title: `Trace: ${root ? firstLine(root) : id}`,
        noun: kind.noun,
        graph,
        tree: traceTree(graph),
        mermaid: toMermaid(graph),
        api: base.replace('/pages/', '/v1/'),
        eventsHref: (node: TraceNode) => `${base}/events?${new URLSearchParams({ node: node.id })}`,
        nodeName: (nodeId: string) => {
          const node = graph.nodes.find((n) => n.id === nodeId);
          return node ? `${label(node.kind)}: ${firstLine(node)}` : nodeId;
        },
        anchor: (nodeId: string) => `node-${nodeId.replace(/[^A-Za-z0-9_-]/g, '_')}`,
        firstLine,
        otherLines,
        eventCount,
        label,
      };
    });

    // One node's events: provenance and hash only. Event data is left out, so feedback (which may
    // carry a respondent's name or postcode) never reaches a page. A feedback node lists its first
    // page of responses here; the API carries on from there.
    page(app, `${kind.url}/events`, 'trace-events', '', async (request) => {
      const { id, graph } = await graphFor(kind, deps.store, request, { feedback: 'all', after: 0 });
      const nodeId = ((request.query ?? {}) as { node?: string }).node;
      const node = graph.nodes.find((n) => n.id === nodeId);
      if (!node) throw new ApiError(404, 'TRACE_NODE_NOT_FOUND', `the trace of ${kind.noun} ${id} has no node ${String(nodeId)}`, { node: nodeId ?? null });
      return {
        title: `Events of ${label(node.kind)}: ${firstLine(node)}`,
        node,
        back: kind.url.replace(`:${kind.param}`, encodeURIComponent(id)),
        graph,
        label,
        recordedFrom,
      };
    });
  }
}
