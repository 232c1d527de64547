// What readers need from whichever runner keeps the read models: the documents,
// each projection's progress, and a way to wait for a write to show.

import type { EventStore } from '../store/port.js';
import type { Projection } from './projection.js';
import type { Checkpoint, ReadModelStore } from './read-model-store.js';

export interface ProjectionState {
  name: string;
  version: number;
  position: number;
  lag: number;
  status: Checkpoint['status'] | 'new';
  lastError: string | null;
}

export interface ReadSide {
  readModels: ReadModelStore;
  /** True once every running projection has passed `position`; false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  states(): Promise<ProjectionState[]>;
}

export async function projectionStates(store: EventStore, readModels: ReadModelStore, projections: readonly Projection<unknown>[]): Promise<ProjectionState[]> {
  const head = await store.headPosition();
  return Promise.all(
    projections.map(async (p) => {
      const checkpoint = await readModels.checkpoint(p.name);
      const position = checkpoint?.position ?? 0;
      return {
        name: p.name,
        version: p.version,
        position,
        lag: Math.max(0, head - position),
        status: checkpoint?.status ?? 'new',
        lastError: checkpoint?.lastError ?? null,
      };
    }),
  );
}

/** The lowest position among projections that are not parked: what every live read model includes. */
export async function lowestLivePosition(readModels: ReadModelStore, projections: readonly Projection<unknown>[]): Promise<number> {
  let lowest = Number.MAX_SAFE_INTEGER;
  for (const projection of projections) {
    const checkpoint = await readModels.checkpoint(projection.name);
    if (checkpoint?.status === 'parked') continue;
    lowest = Math.min(lowest, checkpoint?.position ?? 0);
  }
  return lowest;
}

/**
 * For a server whose read models are kept by BullMQ workers in another process:
 * it can only watch the checkpoints, so it polls them.
 */
export function pollingReadSide(store: EventStore, readModels: ReadModelStore, projections: readonly Projection<unknown>[], pollMs = 50): ReadSide {
  return {
    readModels,
    states: () => projectionStates(store, readModels, projections),
    async waitFor(position, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if ((await lowestLivePosition(readModels, projections)) >= position) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
}
