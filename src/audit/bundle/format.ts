// The audit bundle: one JSON file, written in exactly one way, so that verify-bundle can
// demand the file be byte for byte what the exporter wrote. The layout (docs/tamper-evidence.md):
//
//   {"format":"engagement-ledger/audit-bundle",
//   "version":1,
//   "ledger":"ledger-01J…",
//   "selection":{"field":"recordedAt","from":"…","to":"…"},
//   "exportedAt":"…",
//   "publicKey":{"algorithm":"Ed25519","keyId":"…","pem":"…","raw":"…"},
//   "previous":{"hash":"…","position":122},
//   "checkpoint":{"headHash":"…","keyId":"…","ledger":"…","position":180,"signature":"…","signedAt":"…"},
//   "events":[
//   {"data":…,"hash":"…","id":"…","metadata":…,"position":123,"revision":0,"streamId":"…","type":"…","version":1},
//   …
//   ]}
//
// Objects are canonical JSON (keys sorted at every depth, no spaces), one event per line,
// and the file ends with a newline.

import { z } from 'zod';
import { canonicalJson } from '../../store/chain.js';
import type { RecordedEvent } from '../../store/port.js';
import { signedCheckpointSchema, type SignedCheckpoint } from '../integrity/statement.js';
import type { PublishedKey } from '../integrity/signing-key.js';
import type { ChainPoint } from '../integrity/walk.js';
import { publishedEventSchema } from './proof-file.js';
import type { DateRange } from './range.js';

export const BUNDLE_FORMAT = 'engagement-ledger/audit-bundle';
export const BUNDLE_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

export const bundledEventSchema = z.strictObject({ ...publishedEventSchema.shape, hash: hex64 });

export const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  ledger: z.string().min(1),
  selection: z.strictObject({ field: z.literal('recordedAt'), from: z.iso.datetime(), to: z.iso.datetime() }),
  exportedAt: z.iso.datetime(),
  publicKey: z.strictObject({ algorithm: z.literal('Ed25519'), keyId: hex64, pem: z.string(), raw: z.base64() }),
  previous: z.strictObject({ hash: hex64, position: z.int().min(0) }),
  checkpoint: z.strictObject(signedCheckpointSchema.shape),
  events: z.array(bundledEventSchema).min(1),
});

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  ledger: string;
  selection: { field: 'recordedAt' } & DateRange;
  exportedAt: string;
  publicKey: PublishedKey;
  /** The event just before the first one bundled (position 0 and the genesis hash when the first is the log's first). */
  previous: ChainPoint;
  /** The ledger's signed statement of the last bundled event's position and hash. */
  checkpoint: SignedCheckpoint;
}

export interface Bundle extends BundleHeader {
  events: RecordedEvent[];
}

/** Everything before the first event, ending with the opening of the events array and a newline. */
export function renderHeader(header: BundleHeader): string {
  const lines = [
    `{"format":${JSON.stringify(header.format)}`,
    `"version":${JSON.stringify(header.version)}`,
    `"ledger":${JSON.stringify(header.ledger)}`,
    `"selection":${canonicalJson(header.selection)}`,
    `"exportedAt":${JSON.stringify(header.exportedAt)}`,
    `"publicKey":${canonicalJson(header.publicKey)}`,
    `"previous":${canonicalJson(header.previous)}`,
    `"checkpoint":${canonicalJson(header.checkpoint)}`,
    `"events":[\n`,
  ];
  return lines.join(',\n');
}

export function renderEvent(event: RecordedEvent): string {
  const { data, hash, id, metadata, position, revision, streamId, type, version } = event;
  return canonicalJson({ data, hash, id, metadata, position, revision, streamId, type, version });
}

/** Between two events. */
export const EVENT_SEPARATOR = ',\n';
export const FOOTER = '\n]}\n';

export function renderBundle(bundle: Bundle): string {
  return renderHeader(bundle) + bundle.events.map(renderEvent).join(EVENT_SEPARATOR) + FOOTER;
}
