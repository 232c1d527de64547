// Event and entity ids: ULIDs from one monotonic factory per caller, so ids made in
// the same millisecond still sort in the order they were made.
//
// The ulid package's own randomness asks the OS (getRandomValues) once per character,
// 16 calls for every millisecond's first id; under load that was 5% of a write's CPU.
// The same cryptographic source, drawn 4 KiB at a time, gives the same ids for less.

import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const pool = new Uint32Array(1024);
let next = pool.length;

/** A uniform fraction in [0, 1) from the OS's cryptographic generator, drawn in blocks. */
function pooledRandom(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return (pool[next++] as number) / 0x1_0000_0000;
}

/** A new monotonic ULID factory. */
export function ulidFactory(): () => string {
  return monotonicFactory(pooledRandom);
}
