// What `ledger prove` writes and `ledger verify-proof` reads: one proof with everything needed
// to check it offline (the event as published, the signed tree head, the public key), as
// pretty-printed JSON. Nothing in it is trusted by itself: the check is the signature of the
// tree head by a key the auditor got from the ledger, and the proof against that head.

import { z } from 'zod';
import type { RecordedEvent } from '../../store/port.js';

export const INCLUSION_PROOF_FORMAT = 'engagement-ledger/inclusion-proof';
export const CONSISTENCY_PROOF_FORMAT = 'engagement-ledger/consistency-proof';

const base64 = z.base64();

export const publishedEventSchema = z.strictObject({
  data: z.unknown(),
  id: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  position: z.int().min(1),
  revision: z.int().min(0),
  streamId: z.string(),
  type: z.string(),
  version: z.int(),
});

export type PublishedEvent = z.infer<typeof publishedEventSchema>;

const common = {
  version: z.literal(1),
  origin: z.string().min(1),
  /** The 32 raw public-key bytes, base64, as the ledger published them. */
  publicKey: base64,
};

export const inclusionProofFileSchema = z.strictObject({
  format: z.literal(INCLUSION_PROOF_FORMAT),
  ...common,
  size: z.int().min(1),
  treeHead: z.string().nullable(),
  event: publishedEventSchema,
  proof: z.array(base64),
});

export const consistencyProofFileSchema = z.strictObject({
  format: z.literal(CONSISTENCY_PROOF_FORMAT),
  ...common,
  from: z.int().min(1),
  to: z.int().min(1),
  fromTreeHead: z.string().nullable(),
  toTreeHead: z.string().nullable(),
  proof: z.array(base64),
});

export const proofFileSchema = z.discriminatedUnion('format', [inclusionProofFileSchema, consistencyProofFileSchema]);

export type InclusionProofFile = z.infer<typeof inclusionProofFileSchema>;
export type ConsistencyProofFile = z.infer<typeof consistencyProofFileSchema>;
export type ProofFile = z.infer<typeof proofFileSchema>;

/** An event as the ledger publishes it: its stored fields, data as recorded (never upcast), no chain hash. */
export function published(event: RecordedEvent): PublishedEvent {
  const { data, id, metadata, position, revision, streamId, type, version } = event;
  return { data, id, metadata: metadata as Record<string, unknown>, position, revision, streamId, type, version };
}
