// Proofs for what the public site shows: /proofs/:position answers the RFC 6962 inclusion proof of
// an event the site shows (and 404 for any other position, so the log cannot be walked through it),
// against the ledger's latest signed tree head that holds it; /verify/:position is a page whose
// script checks it in the browser with the ledger's verifier module and its published key.
//
// A proof carries the event exactly as recorded (that is what the tree hashes): its data and its
// metadata, where the actor is an opaque id (credential:01K…), never a name or a token.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { latestSignedTreeHead, signedTreeHeadAt } from '../../audit/integrity/signed-tree-heads.js';
import { NotProvable, ProofRequestError, TreeUnavailable } from '../../audit/merkle/errors.js';
import { proveInclusion } from '../../audit/merkle/prove.js';
import { ApiError } from '../../http/errors.js';
import { PUBLIC_CACHE } from '../../http/public-cache.js';
import { cacheHeaders, notModified } from '../freshness.js';
import type { Site } from '../site.js';
import { notFound } from './consultations.js';

const positionParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

function positionOf(params: unknown): number {
  const parsed = positionParam.safeParse((params as { position?: unknown }).position);
  if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', 'invalid request: params.position must be a log position (a whole number from 1)', { issues: [{ path: 'params.position', message: 'a whole number from 1' }] });
  return parsed.data;
}

export function proofPages(app: FastifyInstance, site: Site): void {
  const { store, integrity } = site.deps;

  /** Where the site shows the event at a position, or null: the read model of the site's own evidence. */
  const shown = async (position: number) => {
    const page = await site.read('public/evidence', { position });
    return { row: page.rows[0] ?? null, position: page.position };
  };

  app.get('/proofs/:position', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) => {
    const position = positionOf(request.params);
    const evidence = await shown(position);
    if (!evidence.row) throw notFound('item at this position');
    const latest = await latestSignedTreeHead(integrity);
    const size = latest && latest.size >= position ? latest.size : await store.headPosition();
    let proof;
    try {
      proof = await proveInclusion(store, { position, size }, { mayProve: async () => true });
    } catch (error) {
      if (error instanceof NotProvable) throw notFound('item at this position');
      if (error instanceof ProofRequestError || error instanceof TreeUnavailable) throw new ApiError(409, 'NOT_PROVABLE', error.message);
      throw error;
    }
    const treeHead = (await signedTreeHeadAt(integrity, size))?.note ?? null;
    const body = { ...proof, treeHead, shownAt: evidence.row.base_path, kind: evidence.row.kind, publicKey: '/v1/integrity/public-key', verifier: '/v1/integrity/verifier.js' };
    // Not kept with the pages: a proof follows the signed tree heads, which move without the read models.
    const freshness = await site.freshness(request, [evidence.position, size], 'proof');
    cacheHeaders(reply, freshness).header('access-control-allow-origin', '*');
    if (notModified(request, freshness)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  });

  app.get('/verify/:position', { config: PUBLIC_CACHE, schema: { hide: true } }, async (request, reply) =>
    site.answer(
      request,
      reply,
      async () => {
        const position = positionOf(request.params);
        const evidence = await shown(position);
        if (!evidence.row) throw notFound('item at this position');
        const data = { position, shownAt: evidence.row.base_path, proof: `/proofs/${position}` };
        return { positions: [evidence.position], json: data, html: { template: 'verify', title: site.messages.t('proof.title'), data } };
      },
      ['html', 'json'],
    ),
  );
}
