// A projection for runner tests: per stream, the positions it applied, in order.
// A batch applied twice or out of order shows up as a repeated or decreasing position.

import { eventDefinitions } from '../../src/domain/events/catalogue.js';
import { defineProjection } from '../../src/projections/projection.js';

export interface Applied {
  positions: number[];
}

export const countingProjection = defineProjection<Applied>({
  name: 'test-counting',
  version: 1,
  eventTypes: eventDefinitions.map((d) => d.type),
  key: (event) => `stream:${event.streamId}`,
  evolve: (row, event) => ({ positions: [...(row?.positions ?? []), event.position] }),
});

/** Every position applied exactly once, in increasing order, and nothing else. */
export function appliedExactlyOnce(documents: readonly Applied[], expected: readonly number[]): { ok: boolean; problem?: string } {
  const all: number[] = [];
  for (const doc of documents) {
    for (let i = 1; i < doc.positions.length; i++) {
      if ((doc.positions[i] as number) <= (doc.positions[i - 1] as number)) return { ok: false, problem: `out of order or repeated: ${doc.positions.join(',')}` };
    }
    all.push(...doc.positions);
  }
  all.sort((a, b) => a - b);
  if (all.length !== expected.length) return { ok: false, problem: `applied ${all.length} events, expected ${expected.length}` };
  const missing = expected.find((p, i) => all[i] !== p);
  return missing === undefined ? { ok: true } : { ok: false, problem: `position ${missing} missing or doubled` };
}
