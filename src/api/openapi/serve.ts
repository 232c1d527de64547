// The OpenAPI document is built once, when the server is ready (every route registered), and
// served from memory as bytes: no per-request build, serialisation or response hook walks it
// (541 KB rebuilt per request let 100 requests a second hold /health for seconds).

import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface ServedDocument {
  bytes: Buffer;
  etag: string;
}

export function serveOpenApi(app: FastifyInstance): { document(): ServedDocument } {
  let served: ServedDocument | undefined;
  const document = (): ServedDocument => {
    if (!served) {
      const bytes = Buffer.from(JSON.stringify(app.swagger()));
      served = { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
    }
    return served;
  };
  app.addHook('onReady', async () => {
    document();
  });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async (request, reply) => sendDocument(document(), request, reply));
  return { document };
}

export function sendDocument(doc: ServedDocument, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('etag', doc.etag).header('cache-control', 'no-cache');
  if (request.headers['if-none-match'] === doc.etag) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(doc.bytes);
}
