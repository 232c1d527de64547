// Tamper evidence over HTTP: verify the log, list and sign checkpoint statements, publish
// the public key, and answer an auditor's "has the log only grown since this statement?".

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkStatement } from '../../audit/integrity/check-statement.js';
import { IntegrityError } from '../../audit/integrity/errors.js';
import { evidenceOf, type LedgerIntegrity } from '../../audit/integrity/ledger-integrity.js';
import { signCheckpoint } from '../../audit/integrity/sign.js';
import { publishedKey } from '../../audit/integrity/signing-key.js';
import { signedCheckpointSchema } from '../../audit/integrity/statement.js';
import { verifyLedger, type LedgerVerification } from '../../audit/integrity/verify.js';
import type { IntegrityObserver } from '../../observability/observers.js';
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
});

const verificationSchema = z.object({
  ok: z.boolean().nullable().meta({ description: 'true: the chain and every signed checkpoint hold; false: see brokenAt; null: this store keeps no hash chain' }),
  problem: z.enum(['chain', 'rewritten', 'truncated', 'checkpoint-signature']).optional(),
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
});

/** An IntegrityError as the API answers it: the ledger refuses to vouch for what it cannot verify. */
function refusal(error: unknown): unknown {
  if (!(error instanceof IntegrityError)) return error;
  return new ApiError(409, error.code, error.message, error.details);
}

export function integrityRoutes(app: FastifyInstance, deps: IntegrityDeps): void {
  const { store, integrity } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

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
          200: z.object({ checkpoints: z.array(signedCheckpointSchema), next: z.int(), latest: signedCheckpointSchema.nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const page = await integrity.checkpoints.list({ after: request.query.after, limit: request.query.limit });
      return {
        checkpoints: page.map((c) => c.statement),
        next: page.at(-1)?.sequence ?? request.query.after,
        latest: (await integrity.checkpoints.latest())?.statement ?? null,
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
          'Checks the chain from the highest checkpoint signed before (the whole log for the first) to the head, then signs ' +
          '(position, head hash, time) with the ledger’s Ed25519 key and keeps the statement. 409 when the log does not verify ' +
          '(CHAIN_BROKEN), is empty (LEDGER_EMPTY), or the store keeps no chain (NO_HASH_CHAIN). No body.',
        tags,
        response: { 201: signedCheckpointSchema, ...errorResponses },
      },
    },
    async (_request, reply) => {
      try {
        const { statement } = await signCheckpoint(store, integrity.key, integrity.checkpoints);
        deps.observer?.checkpointSigned?.(true);
        return reply.code(201).send(statement);
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
        description: 'Ed25519. Obtain it from here, not from a bundle, to check a bundle or statement against it.',
        tags,
        security: [],
        response: { 200: publicKeySchema },
      },
    },
    async () => ({ ledger: integrity.ledgerId, ...publishedKey(integrity.key.publicKey) }),
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
