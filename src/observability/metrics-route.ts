// Where Prometheus scrapes: GET /metrics on the API, for a `metrics` (or admin) token, or,
// with METRICS_PORT set, on a listener of its own (METRICS_HOST, loopback by default) that
// needs no token and serves nothing else: keep that address private to the scraper.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { LedgerMetrics } from './metrics.js';

export const METRICS_ROLES = ['metrics', 'admin'] as const;

export function registerMetricsRoute(app: FastifyInstance, metrics: LedgerMetrics): void {
  app.get(
    '/metrics',
    {
      config: { roles: METRICS_ROLES },
      schema: {
        summary: 'Metrics in the Prometheus text format',
        description: 'For a `metrics` token (`ledger token create --role metrics`), which reads nothing else, or an administrator. Served on a separate address instead when METRICS_PORT is set.',
        tags: ['operations'],
        response: { 200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: z.string() } } } },
      },
    },
    async (_request, reply) => {
      const { contentType, body } = await metrics.scrape();
      return reply.type(contentType).header('cache-control', 'no-store').send(body);
    },
  );
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

export async function listenForMetrics(metrics: LedgerMetrics, host: string, port: number): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('the metrics could not be read\n'),
    );
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
