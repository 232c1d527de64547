// Probes for an orchestrator: live (the process answers) and ready (it can serve: each check
// below passes). Public, exempt from the rate limit, and cheap: ready reads a few rows and
// pings, each check bounded by a timeout, so a probe never waits on a part that hangs. A
// failing ready answers 503 in the one error shape, naming each failing check and why.

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../api/schemas.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves to why the ledger is not ready, or undefined when this part is fine. */
  check(): Promise<string | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A probe: never rate-limited. */
    probe?: boolean;
  }
}

export interface ProbeOptions {
  /** How long one check may take before it counts as failed. */
  checkTimeoutMs: number;
}

async function run(check: ReadinessCheck, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer in ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([check.check().catch((error: unknown) => (error instanceof Error ? error.message : String(error))), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const live = z.object({ status: z.literal('ok') });
const ready = z.object({
  status: z.literal('ready'),
  checks: z.record(z.string(), z.literal('ok')).meta({ description: 'Each check, by name' }),
});

export function registerProbes(app: FastifyInstance, checks: readonly ReadinessCheck[], options: ProbeOptions): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { public: true, probe: true } as const;
  const tags = ['operations'];
  for (const url of ['/health/live', '/health']) {
    api.get(
      url,
      {
        config,
        schema: {
          summary: url === '/health' ? 'Liveness (the same as /health/live)' : 'Liveness: the process answers',
          description: 'No I/O: restart the process when this fails.',
          tags,
          response: { 200: live },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
  }
  api.get(
    '/health/ready',
    {
      config,
      schema: {
        summary: 'Readiness: the store, the server state, Redis (when used) and the projections are fit to serve',
        description:
          'Stop sending traffic while this answers 503; `details.failing` names each failing check and `details.checks` says why. ' +
          'Checks: `store` (the event store answers), `serverState` (server.db answers), `redis` (when read models are in Redis), ' +
          '`projections` (none parked, none further behind the head than READY_MAX_PROJECTION_LAG).',
        tags,
        response: { 200: ready, 503: errorBody.describe('Not ready: details.failing names the checks') },
      },
    },
    async (_request, reply) => {
      const results = await Promise.all(checks.map(async (c) => [c.name, await run(c, options.checkTimeoutMs)] as const));
      const failing = results.filter(([, why]) => why !== undefined);
      if (failing.length === 0) return { status: 'ready' as const, checks: Object.fromEntries(results.map(([name]) => [name, 'ok' as const])) };
      return reply.code(503).send({
        error: {
          code: 'NOT_READY',
          message: `not ready: ${failing.map(([name, why]) => `${name} (${why})`).join('; ')}`,
          details: { failing: failing.map(([name]) => name), checks: Object.fromEntries(results.map(([name, why]) => [name, why ?? 'ok'])) },
        },
      });
    },
  );
}
