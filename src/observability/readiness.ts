// The readiness checks /health/ready runs (probes.ts), one per part the ledger needs to serve.

import type { ProjectionState } from '../projections/read-side.js';
import type { EventStore } from '../store/port.js';
import type { ReadinessCheck } from './probes.js';

export function storeReachable(store: EventStore): ReadinessCheck {
  return { name: 'store', check: async () => void (await store.headPosition()) };
}

/** Where credentials, idempotency keys and signed checkpoints are kept (server.db, or PostgreSQL): `ping` makes one round trip. */
export function serverStateReachable(ping: () => Promise<void>): ReadinessCheck {
  return { name: 'serverState', check: async () => void (await ping()) };
}

export function redisReachable(ping: () => Promise<string>): ReadinessCheck {
  return { name: 'redis', check: async () => ((await ping()) === 'PONG' ? undefined : 'Redis did not answer PONG') };
}

/** No projection parked (its read model stopped on an error) and none further behind the head than `maxLag` positions. */
export function projectionsCurrent(states: () => Promise<ProjectionState[]>, maxLag: number): ReadinessCheck {
  return {
    name: 'projections',
    async check() {
      const all = await states();
      const parked = all.filter((s) => s.status === 'parked').map((s) => s.name);
      const behind = all.filter((s) => s.status !== 'parked' && s.lag > maxLag).map((s) => `${s.name} by ${s.lag}`);
      const problems = [
        ...(parked.length > 0 ? [`parked: ${parked.join(', ')}`] : []),
        ...(behind.length > 0 ? [`behind the head by more than ${maxLag}: ${behind.join(', ')}`] : []),
      ];
      return problems.length > 0 ? problems.join('; ') : undefined;
    },
  };
}
