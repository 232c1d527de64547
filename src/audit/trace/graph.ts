// The trace graph: what an auditor follows from a decision back to the engagement that fed it,
// or from an activity forward to the decisions and actions that came after. Read from the log
// itself, never from a read model, so every node carries its events with their hashes.
//
// Edges point the way evidence flows, from engagement towards decisions and actions, whichever
// way the trace was read; the kind reads "from <kind> to" (activity `found` finding,
// finding `cited_by` link, link `fed` decision).

import { z } from 'zod';
import { recordedEventSchema } from '../../ledger/provenance.js';

export const traceNodeKinds = ['decision', 'influence_link', 'finding', 'feedback', 'activity', 'feedback_to_participants', 'action'] as const;
export type TraceNodeKind = (typeof traceNodeKinds)[number];

export const traceEdgeKinds = [
  /** activity -> feedback: the responses it received */
  'received',
  /** activity -> finding: what it concluded people said */
  'found',
  /** feedback -> finding: the finding summarises some of this feedback */
  'summarised_in',
  /** finding or activity -> influence link: the link cites it */
  'cited_by',
  /** influence link -> decision */
  'fed',
  /** activity -> feedback to participants: its participants were told the outcome */
  'told',
  /** decision -> feedback to participants: what participants were told names this decision */
  'reported_in',
  /** activity -> action: an action of the plan (and objective) the activity serves */
  'followed_by',
  /** decision -> action: the action names the decision as the one it carries out */
  'carried_out_by',
] as const;
export type TraceEdgeKind = (typeof traceEdgeKinds)[number];

export type TraceEvent = z.infer<typeof recordedEventSchema>;

const withdrawal = z
  .object({
    reason: z.string().nullable(),
    eventId: z.string().meta({ description: 'The event that withdrew it' }),
  })
  .nullable()
  .meta({ description: 'Set on influence links, findings and actions that were withdrawn: they stay in the trace, marked' });

/** Feedback records a page of `?feedback=all` lists per feedback node; `next` carries on from there. */
export const TRACE_FEEDBACK_PAGE = 1_000;

/** How a trace lists feedback: a summary (the first and last record), or every record, a page at a time after a log position. */
export type FeedbackListing = { feedback: 'summary' } | { feedback: 'all'; after: number };
export const FEEDBACK_SUMMARY: FeedbackListing = { feedback: 'summary' };

/** The first or last response received, by the log position of its FeedbackReceived event. */
const feedbackEnd = z.object({ feedbackId: z.string(), position: z.int(), recordedAt: z.string() }).nullable();
export type FeedbackEnd = NonNullable<z.infer<typeof feedbackEnd>>;

const feedbackSummarySchema = z.object({
  responses: z.int().meta({ description: 'Every response in the trace, listed or not' }),
  respondents: z.int().meta({ description: 'People the responses stand for (a grouped response counts its table)' }),
  redacted: z.int().meta({ description: 'Responses with personal data redacted' }),
  events: z.int().meta({ description: 'Their events; the node carries those of the responses listed' }),
  first: feedbackEnd,
  last: feedbackEnd,
  listed: z.enum(['summary', 'all']).meta({ description: `summary: the first and last; all: every one, ${TRACE_FEEDBACK_PAGE} a page` }),
  ids: z.array(z.string()).meta({ description: 'The responses listed, in log order' }),
  next: z.int().nullable().meta({ description: 'More follow: ask again with feedbackAfter=next (the smallest in the graph)' }),
});

export const traceNodeSchema = z.object({
  id: z.string().meta({ description: 'Unique in the graph: "<kind>:<entity>", e.g. "finding:rc-joint-workshop/agreed-priorities"' }),
  kind: z.enum(traceNodeKinds),
  entityId: z.string().meta({
    description: 'The entity’s own id (decision, link, finding, activity, action); for feedback, its activity; for feedback to participants, its event',
  }),
  parentId: z.string().nullable().meta({ description: 'The activity of a finding, feedback or feedback to participants; the decision of an influence link' }),
  organisationId: z.string().nullable().meta({
    description: 'Whose record it is: the organisation of the decision, activity or action; of its activity for a finding, feedback or feedback to participants; of its decision for a link',
  }),
  label: z.string().meta({ description: 'Plain text, lines separated by "\\n"; never feedback text or respondent data' }),
  withdrawn: withdrawal,
  feedback: feedbackSummarySchema.optional().meta({ description: 'Feedback nodes only: how many, the first and last, which are listed' }),
  events: z.array(recordedEventSchema).meta({ description: 'The node’s events in log order, corrections included, each with its provenance and hash' }),
});
export type TraceNode = z.infer<typeof traceNodeSchema>;

export const traceEdgeSchema = z.object({ from: z.string(), to: z.string(), kind: z.enum(traceEdgeKinds) });
export type TraceEdge = z.infer<typeof traceEdgeSchema>;

export const traceGraphSchema = z.object({
  root: z.string().meta({ description: 'The id of the node the trace starts from' }),
  direction: z.enum(['back', 'forward']).meta({ description: 'back from a decision, forward from an activity' }),
  asOf: z.int().meta({ description: 'The log position the trace was read at; later events are not in it' }),
  nodes: z.array(traceNodeSchema),
  edges: z.array(traceEdgeSchema),
});
export type TraceGraph = z.infer<typeof traceGraphSchema>;
