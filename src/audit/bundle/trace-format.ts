// The trace bundle (audit bundle version 2): a subset of the log (one decision's trace: its
// stream and the streams of the activities it cites), each event with its RFC 6962 inclusion
// proof against one signed tree head, so anyone checks those events, and only those, without
// the rest of the log. Written in exactly one way, like version 1 (format.ts):
//
//   {"format":"engagement-ledger/audit-bundle",
//   "version":2,
//   "ledger":"ledger-01J…",
//   "selection":{"decision":"…","field":"trace"},
//   "exportedAt":"…",
//   "publicKey":{"algorithm":"Ed25519","keyId":"…","pem":"…","raw":"…"},
//   "treeHead":"engagement-ledger/ledger-01J…\n2048\n…=\n\n— engagement-ledger/ledger-01J… …=\n",
//   "events":[
//   {"data":…,"id":"…","metadata":…,"position":123,"proof":["…=",…],"revision":0,"streamId":"…","type":"…","version":1},
//   …
//   ]}

import { z } from 'zod';
import { canonicalJson } from '../../store/chain.js';
import type { PublishedKey } from '../integrity/signing-key.js';
import { BUNDLE_FORMAT, EVENT_SEPARATOR, FOOTER } from './format.js';
import { publishedEventSchema, type PublishedEvent } from './proof-file.js';

export const TRACE_BUNDLE_VERSION = 2;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

export const provedEventSchema = z.strictObject({ ...publishedEventSchema.shape, proof: z.array(z.base64()) });

export const traceBundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(TRACE_BUNDLE_VERSION),
  ledger: z.string().min(1),
  selection: z.strictObject({ field: z.literal('trace'), decision: z.string().min(1) }),
  exportedAt: z.iso.datetime(),
  publicKey: z.strictObject({ algorithm: z.literal('Ed25519'), keyId: hex64, pem: z.string(), raw: z.base64() }),
  treeHead: z.string().min(1),
  events: z.array(provedEventSchema).min(1),
});

export type ProvedEvent = PublishedEvent & { proof: string[] };

export interface TraceBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof TRACE_BUNDLE_VERSION;
  ledger: string;
  selection: { field: 'trace'; decision: string };
  exportedAt: string;
  publicKey: PublishedKey;
  /** The signed tree head every proof leads to. */
  treeHead: string;
  /** In position order, each with its inclusion proof in the tree of the tree head's size. */
  events: ProvedEvent[];
}

export function renderTraceHeader(bundle: Omit<TraceBundle, 'events'>): string {
  return [
    `{"format":${JSON.stringify(bundle.format)}`,
    `"version":${JSON.stringify(bundle.version)}`,
    `"ledger":${JSON.stringify(bundle.ledger)}`,
    `"selection":${canonicalJson(bundle.selection)}`,
    `"exportedAt":${JSON.stringify(bundle.exportedAt)}`,
    `"publicKey":${canonicalJson(bundle.publicKey)}`,
    `"treeHead":${JSON.stringify(bundle.treeHead)}`,
    `"events":[\n`,
  ].join(',\n');
}

export function renderProvedEvent(event: ProvedEvent): string {
  const { data, id, metadata, position, proof, revision, streamId, type, version } = event;
  return canonicalJson({ data, id, metadata, position, proof, revision, streamId, type, version });
}

export function renderTraceBundle(bundle: TraceBundle): string {
  return renderTraceHeader(bundle) + bundle.events.map(renderProvedEvent).join(EVENT_SEPARATOR) + FOOTER;
}
