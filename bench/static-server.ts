// The public site's limit: fastify answering, to any GET, the same bytes from memory with the same
// content type, as fast as it can. A consultation page's throughput is measured against this.
//
//   node dist/bench/static-server.js PORT FILE CONTENT-TYPE

import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [port = '0', file = '', type = 'text/html; charset=utf-8'] = process.argv.slice(2);
const body = readFileSync(file);
const app = Fastify({ logger: false });
app.get('/health', async () => ({ ok: true }));
app.get('/*', async (_request, reply) => reply.type(type).send(body));
await app.listen({ port: Number(port), host: '127.0.0.1' });
