// Tamper evidence over HTTP: verify the log, list and sign checkpoint statements (with their
// signed tree heads), publish the public key, the latest tree head and the verifier module,
// serve inclusion and consistency proofs, and answer an auditor's "has the log only grown
// since this statement?".

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkStatement } from '../../audit/integrity/check-statement.js';
import type { StoredCheckpoint } from '../../audit/integrity/checkpoints.js';
import { IntegrityError } from '../../audit/integrity/errors.js';
import { evidenceOf, type LedgerIntegrity } from '../../audit/integrity/ledger-integrity.js';
import { signCheckpoint } from '../../audit/integrity/sign.js';
import { latestSignedTreeHead, signedTreeHeadAt } from '../../audit/integrity/signed-tree-heads.js';
import { publishedKey } from '../../audit/integrity/signing-key.js';
import { signedCheckpointSchema } from '../../audit/integrity/statement.js';
import { noteVerifierKey, treeHeadOrigin } from '../../audit/integrity/tree-head.js';
import { verifyLedger, type LedgerVerification } from '../../audit/integrity/verify.js';
import type { IntegrityObserver } from '../../observability/observers.js';
import { NotProvable, ProofRequestError, TreeUnavailable } from '../../audit/merkle/errors.js';
import { proveConsistency, proveInclusion } from '../../audit/merkle/prove.js';
import { verifierModule } from '../../audit/merkle/verifier-source.js';
import type { EventStore } from '../../store/port.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas.js';

export interface IntegrityDeps {
  store: EventStore;
  integrity: LedgerIntegrity;
  /** Told of each verification and signing (metrics). */
  observer?: IntegrityObserver;
}

export const MAX_CHECKPOINT_PAGE = 1_000;

const tags = ['integrity'];

const checkpointSummarySchema = z.object({
  stored: z.int().meta({ description: 'Statements the ledger signed' }),
  held: z.int().meta({ description: 'Statements whose position the log still reaches with the signed hash' }),
  invalid: z.array(z.object({ position: z.int(), signedAt: z.string(), reason: z.string() })).meta({
    description: 'Stored statements whose signature does not verify (server.db was edited); not used as evidence',
  }),
  latest: z.object({ position: z.int(), headHash: z.string(), signedAt: z.string() }).nullable(),
  treeHeads: z.object({ stored: z.int(), held: z.int() }).meta({ description: 'Signed tree heads kept, and how many of them hold: the tree rebuilt from the events has their root' }),
  treeChecked: z.boolean().meta({ description: 'The Merkle tree was rebuilt from the events and every stored node checked' }),
});

const verificationSchema = z.object({
  ok: z.boolean().nullable().meta({ description: 'true: the chain and every signed checkpoint hold; false: see brokenAt; null: this store keeps no hash chain' }),
  problem: z.enum(['chain', 'rewritten', 'truncated', 'checkpoint-signature', 'tree']).optional(),
  brokenAt: z.int().nullable().optional().meta({ description: 'The first position the problem affects' }),
  reason: z.string().optional(),
  headPosition: z.int().optional(),
  headHash: z.string().optional(),
  checked: z.int().meta({ description: 'Events whose link was verified' }),
  checkpoints: checkpointSummarySchema.optional(),
  seconds: z.number(),
  eventsPerSecond: z.number(),
});

const statementCheckSchema = z.object({
  ok: z.boolean().nullable().meta({ description: 'true: every event up to the statement’s position is unchanged, the log has only grown since' }),
  brokenAt: z.int().nullable().optional(),
  reason: z.string().optional(),
  position: z.int().optional(),
  headHash: z.string().optional(),
  headPosition: z.int().optional().meta({ description: 'The head of the log now' }),
  grownBy: z.int().optional().meta({ description: 'Events appended since the statement' }),
});

const publicKeySchema = z.object({
  ledger: z.string(),
  algorithm: z.literal('Ed25519'),
  keyId: z.string().meta({ description: 'SHA-256 (hex) of the raw public key; statements name it' }),
  pem: z.string().meta({ description: 'SPKI PEM' }),
  raw: z.string().meta({ description: 'The 32 raw key bytes, base64' }),
  origin: z.string().meta({ description: 'The log’s name in its signed tree heads (their first line), and the key name they are signed under' }),
  verifierKey: z.string().meta({ description: 'The key as signed-note verifiers take it (golang.org/x/mod/sumdb/note): name+keyID+base64(0x01 ‖ key)' }),
});

const keptCheckpointSchema = signedCheckpointSchema
  .extend({
    treeHead: z
      .string()
      .nullable()
      .meta({ description: 'The signed tree head of the same position (a C2SP tlog-checkpoint signed note); null when signed before the ledger kept a Merkle tree' }),
  })
  .meta({
    examples: [
      {
        ledger: 'ledger-01J0Z3V6Q8T2N4R5S7W9X1Y3Z5',
        position: 1204,
        headHash: '9f2c4e1a7b3d5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd',
        signedAt: '2024-05-01T09:30:00.000Z',
        keyId: '3b8e2f6a1c4d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f',
        signature: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEg==',
        treeHead: 'engagement-ledger/ledger-01J0Z3V6Q8T2N4R5S7W9X1Y3Z5\n1204\nc2FtcGxlIHJvb3QgaGFzaCBvZiAzMiBieXRlcyEhISE=\n\n— engagement-ledger/ledger-01J0Z3V6Q8T2N4R5S7W9X1Y3Z5 q83vEjRW\n',
      },
    ],
  });

const base64Hash = z.string().meta({ description: 'SHA-256, base64' });

const inclusionProofSchema = z.object({
  position: z.int().meta({ description: 'The event’s log position; its leaf index is position − 1' }),
  size: z.int().meta({ description: 'The tree size (events) the proof is for' }),
  leafIndex: z.int(),
  leaf: z.string().meta({
    description: 'The leaf: the event’s bytes as UTF-8 text, exactly as hashed: canonical JSON of {id, position, revision, streamId, type, version}, "\\n", data, "\\n", metadata',
  }),
  leafHash: base64Hash.meta({ description: 'SHA-256(0x00 ‖ leaf), base64' }),
  proof: z.array(base64Hash).meta({ description: 'RFC 6962 inclusion proof: sibling hashes from the leaf up' }),
  rootHash: base64Hash.meta({ description: 'The root of the tree of `size` events' }),
  treeHead: z.string().nullable().meta({ description: 'The ledger’s signed tree head of this size, when it signed one: check the proof against it, not against rootHash' }),
});

const consistencyProofSchema = z.object({
  from: z.int(),
  to: z.int(),
  proof: z.array(base64Hash).meta({ description: 'RFC 6962 consistency proof' }),
  fromRoot: base64Hash,
  toRoot: base64Hash,
  fromTreeHead: z.string().nullable(),
  toTreeHead: z.string().nullable(),
});

const positionQuery = z.coerce.number().int().min(1);

/** Public, read by pages of other origins (the public site): no cookies involved, so any origin may read them. */
function readableAnywhere(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

/** A proof's refusal as the API answers it: a bad size or position is the caller's (400, with the field). */
function proofRefusal(error: unknown): unknown {
  if (error instanceof ProofRequestError) {
    const path = `querystring.${error.field}`;
    return new ApiError(400, 'VALIDATION_FAILED', `invalid request: ${path} ${error.message}`, { issues: [{ path, message: error.message }] });
  }
  if (error instanceof NotProvable) return new ApiError(404, 'NOT_FOUND', error.message);
  if (error instanceof TreeUnavailable) return new ApiError(409, error.code, error.message, error.details);
  return refusal(error);
}

function kept(checkpoint: StoredCheckpoint): z.infer<typeof keptCheckpointSchema> {
  return { ...checkpoint.statement, treeHead: checkpoint.treeHead };
}

/** An IntegrityError as the API answers it: the ledger refuses to vouch for what it cannot verify. */
function refusal(error: unknown): unknown {
  if (!(error instanceof IntegrityError)) return error;
  return new ApiError(409, error.code, error.message, error.details);
}

export function integrityRoutes(app: FastifyInstance, deps: IntegrityDeps): void {
  const { store, integrity } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The largest signed tree head's size when it reaches `atLeast`, else the head of the log. */
  const defaultSize = async (atLeast: number): Promise<number> => {
    const latest = await latestSignedTreeHead(integrity);
    return latest && latest.size >= atLeast ? latest.size : await store.headPosition();
  };

  // One full verification at a time; callers who ask meanwhile share its answer.
  let running: Promise<z.infer<typeof verificationSchema>> | undefined;
  const verifyOnce = () => {
    running ??= (async () => {
      const started = performance.now();
      const result: LedgerVerification = await verifyLedger(store, undefined, await evidenceOf(integrity));
      const seconds = (performance.now() - started) / 1000;
      deps.observer?.verified?.(result.ok, seconds);
      return { ...result, seconds, eventsPerSecond: Math.round(result.checked / Math.max(seconds, 1e-3)) };
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  api.get(
    '/v1/integrity',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        summary: 'Verify the whole log: its hash chain from the first event, and every checkpoint the ledger signed',
        description:
          'Recomputes the chain over every event (reading the log once, a page at a time) and checks the log against every signed ' +
          'checkpoint, which is what catches a truncated log or one rewritten with recomputed hashes. Costs one read of the whole log ' +
          '(on SQLite, about 60,000 events a second; see docs/tamper-evidence.md); concurrent requests share one run. ' +
          'Answers 200 whatever the outcome: `ok` says it.',
        tags,
        response: { 200: verificationSchema, ...errorResponses },
      },
    },
    async () => verifyOnce(),
  );

  api.get(
    '/v1/integrity/checkpoints',
    {
      config: { roles: ['auditor', 'admin', 'scrutiny'] },
      schema: {
        summary: 'The checkpoint statements the ledger signed, in the order it signed them',
        description:
          'Each statement: the ledger vouches that the event at `position` had chain hash `headHash` at `signedAt`. Keep one: ' +
          'POST it to /v1/integrity/checkpoints/check later to learn whether the log has only grown since. Follow `next` until ' +
          '`checkpoints` is empty; `latest` is the most recently signed.',
        tags,
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0).meta({ description: 'Pass the `next` of the previous page' }),
          limit: z.coerce.number().int().min(1).max(MAX_CHECKPOINT_PAGE).default(100),
        }),
        response: {
          200: z.object({ checkpoints: z.array(keptCheckpointSchema), next: z.int(), latest: keptCheckpointSchema.nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const page = await integrity.checkpoints.list({ after: request.query.after, limit: request.query.limit });
      const latest = await integrity.checkpoints.latest();
      return {
        checkpoints: page.map(kept),
        next: page.at(-1)?.sequence ?? request.query.after,
        latest: latest ? kept(latest) : null,
      };
    },
  );

  api.post(
    '/v1/integrity/checkpoints',
    {
      config: { roles: ['admin', 'auditor'] },
      schema: {
        summary: 'Have the ledger sign its current head now',
        description:
          'Checks the chain and the Merkle tree from the highest checkpoint signed before (the whole log for the first) to the head, then signs ' +
          '(position, head hash, time) and the tree head of that many events with the ledger’s Ed25519 key and keeps both. 409 when the log does not verify ' +
          '(CHAIN_BROKEN, TREE_BROKEN), is empty (LEDGER_EMPTY), or the store keeps no chain (NO_HASH_CHAIN). No body.',
        tags,
        response: { 201: keptCheckpointSchema, ...errorResponses },
      },
    },
    async (_request, reply) => {
      try {
        const signed = kept(await signCheckpoint(store, integrity.key, integrity.checkpoints));
        deps.observer?.checkpointSigned?.(true);
        return reply.code(201).send(signed);
      } catch (error) {
        deps.observer?.checkpointSigned?.(false);
        throw refusal(error);
      }
    },
  );

  api.get(
    '/v1/integrity/public-key',
    {
      config: { public: true },
      schema: {
        summary: 'The public key that verifies the ledger’s statements (no token needed)',
        description: 'Ed25519. Obtain it from here, not from a bundle, to check a bundle, statement or tree head against it.',
        tags,
        security: [],
        response: { 200: publicKeySchema },
      },
    },
    async (_request, reply) => {
      readableAnywhere(reply);
      const origin = treeHeadOrigin(integrity.ledgerId);
      return { ledger: integrity.ledgerId, ...publishedKey(integrity.key.publicKey), origin, verifierKey: noteVerifierKey(origin, integrity.key.publicKey) };
    },
  );

  api.get(
    '/v1/integrity/tree-head',
    {
      config: { public: true },
      schema: {
        summary: 'The ledger’s latest signed tree head (no token needed), or the one of a given size',
        description:
          'A C2SP tlog-checkpoint signed note, as text: origin, tree size, base64 root hash, a blank line, the Ed25519 signature line. ' +
          'Keep it: a later one must extend it (GET /v1/integrity/proofs/consistency). 404 when none was signed (of that size).',
        tags,
        security: [],
        querystring: z.object({ size: positionQuery.optional().meta({ description: 'A tree size the ledger signed; default: the largest' }) }),
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const head = request.query.size === undefined ? await latestSignedTreeHead(integrity) : await signedTreeHeadAt(integrity, request.query.size);
      if (!head) throw new ApiError(404, 'NOT_FOUND', request.query.size === undefined ? 'the ledger has signed no tree head yet' : `the ledger signed no tree head of ${request.query.size} events`);
      readableAnywhere(reply);
      return reply.type('text/plain; charset=utf-8').send(head.note);
    },
  );

  api.get(
    '/v1/integrity/verifier.js',
    {
      config: { public: true },
      schema: {
        summary: 'The proof verifier: one dependency-free ES module (no token needed)',
        description:
          'Checks an event against a signed tree head and the ledger’s public key in any browser or Node 20+, with WebCrypto: ' +
          '`import { verifyEvent } from "…/v1/integrity/verifier.js"`. The ETag is its SHA-256; docs/tamper-evidence.md shows how to use it.',
        tags,
        security: [],
        response: {
          200: {
            description: 'The module itself, byte for byte as in the repository (src/audit/merkle/verifier.js)',
            content: { 'text/javascript': { schema: z.string().meta({ examples: ['export async function verifyEvent(event, proof, treeHead, publicKey) { … }'] }) } },
          },
        },
      },
    },
    async (_request, reply) => {
      const { body, sha256 } = verifierModule();
      readableAnywhere(reply);
      reply.header('etag', `"${sha256}"`);
      // A Buffer goes out as it is, never through the response schema's serializer: the bytes are the file's.
      return (reply as FastifyReply).type('text/javascript; charset=utf-8').send(body);
    },
  );

  api.get(
    '/v1/integrity/proofs/inclusion',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        summary: 'Prove that an event is in the log: an RFC 6962 inclusion proof',
        description:
          'The proof that the event of log position `position` is leaf position − 1 of the Merkle tree of `size` events, with the leaf itself (the event’s bytes) ' +
          'and the ledger’s signed tree head of that size when it signed one. `size` defaults to the largest signed tree head that holds the event, ' +
          'else the head of the log. Checked before it is sent: 409 TREE_BROKEN when the event or the tree no longer match (run ledger verify).',
        tags,
        querystring: z.object({
          position: positionQuery.meta({ description: 'The event’s log position' }),
          size: positionQuery.optional().meta({ description: 'Tree size, from position to the head of the log' }),
        }),
        response: { 200: inclusionProofSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { position } = request.query;
      try {
        const size = request.query.size ?? (await defaultSize(position));
        const proof = await proveInclusion(store, { position, size });
        return { ...proof, treeHead: (await signedTreeHeadAt(integrity, size))?.note ?? null };
      } catch (error) {
        throw proofRefusal(error);
      }
    },
  );

  api.get(
    '/v1/integrity/proofs/consistency',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        summary: 'Prove that the log only grew between two sizes: an RFC 6962 consistency proof',
        description:
          'The proof that the tree of `to` events extends the tree of `from` events without changing any of them, with both roots and the ' +
          'ledger’s signed tree heads of those sizes when it signed them. `to` defaults to the largest signed tree head, else the head of the log.',
        tags,
        querystring: z.object({
          from: positionQuery.meta({ description: 'The earlier tree size (a tree head you kept)' }),
          to: positionQuery.optional().meta({ description: 'The later tree size, up to the head of the log' }),
        }),
        response: { 200: consistencyProofSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { from } = request.query;
      try {
        const to = request.query.to ?? (await defaultSize(from));
        const proof = await proveConsistency(store, { from, to });
        const [fromHead, toHead] = await Promise.all([signedTreeHeadAt(integrity, from), signedTreeHeadAt(integrity, to)]);
        return { ...proof, fromTreeHead: fromHead?.note ?? null, toTreeHead: toHead?.note ?? null };
      } catch (error) {
        throw proofRefusal(error);
      }
    },
  );

  api.post(
    '/v1/integrity/checkpoints/check',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        summary: 'Has the log only grown since this statement?',
        description:
          'Body: a statement the ledger signed earlier, as it was given. Checks its signature, then recomputes the chain from the first ' +
          'event to the statement’s position and compares the hash there: `ok: true` means every event up to that position is ' +
          'exactly as when it was signed. Costs a read of the log up to that position. Answers 200 whatever the outcome.',
        tags,
        body: signedCheckpointSchema,
        response: { 200: statementCheckSchema, ...errorResponses },
      },
    },
    async (request) => checkStatement(store, request.body, integrity.key.publicKey, { ledgerId: integrity.ledgerId }),
  );
}
