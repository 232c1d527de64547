// A projection for testing runners: each document records, in order, the log positions
// applied to it. A batch applied twice shows as a repeated position, one applied out of
// order as a decrease, one lost as a gap: all visible by comparing with a single fold.

import { eventDefinitions, type LedgerEventType } from '../../src/domain/events/catalogue.js';
import { defineProjection, foldBatch, type Projection, type ProjectedEvent } from '../../src/projections/projection.js';
import type { ReadModelStore } from '../../src/projections/read-model-store.js';

export interface PositionsDocument {
  positions: number[];
}

/** Burn `ms` of CPU, so a fold takes long enough for workers to race over the same checkpoint. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: a reducer is synchronous, so this is how a slow one looks
  }
}

export function countingProjection(
  name: string,
  eventTypes: readonly LedgerEventType[] = eventDefinitions.map((d) => d.type),
  spinMs = 0,
): Projection<PositionsDocument> {
  return defineProjection<PositionsDocument>({
    name,
    version: 1,
    eventTypes,
    key: (event) => [`stream:${event.streamId}`, `type:${event.type}`],
    evolve(row, event) {
      if (spinMs > 0) spin(spinMs);
      return { positions: [...(row?.positions ?? []), event.position] };
    },
  });
}

/** The projections of the distributed-runner tests, so child processes build the same ones; `spinMs` slows their reducers. */
export function testProjections(spinMs = 0): Projection<PositionsDocument>[] {
  return [countingProjection('count-all', undefined, spinMs), countingProjection('count-feedback', ['FeedbackReceived', 'FeedbackRedacted'], spinMs)];
}

/** The documents one process folding every event in one go would have, sorted by key. */
export function singleFold(projection: Projection<unknown>, events: readonly ProjectedEvent[]): Array<[string, unknown]> {
  const { documents } = foldBatch(projection, events, {});
  return Object.entries(documents)
    .filter(([, doc]) => doc !== undefined)
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Resolves once every projection's checkpoint has reached `head`; rejects with where they are after `timeoutMs`. */
export async function waitForCheckpoints(store: ReadModelStore, names: readonly string[], head: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const positions = await Promise.all(names.map(async (name) => (await store.checkpoint(name))?.position ?? 0));
    if (positions.every((p) => p >= head)) return;
    if (Date.now() > deadline) throw new Error(`checkpoints did not reach ${head} in ${timeoutMs} ms: ${names.map((n, i) => `${n}=${positions[i]}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
