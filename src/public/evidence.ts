// The hash of each event the public site shows, read from the log by position (the read models
// keep where and when an event was recorded, not its hash). A position's hash never changes, so
// the latest ones asked are kept. Every "we did" item and the decision's own record gain theirs.

import type { EventStore } from '../store/port.js';

export class EventHashes {
  private readonly hashes = new Map<number, string | null>();
  constructor(private readonly store: EventStore) {}

  async of(positions: readonly number[]): Promise<Map<number, string | null>> {
    const missing = [...new Set(positions)].filter((p) => !this.hashes.has(p));
    await Promise.all(
      missing.map(async (position) => {
        const [event] = await this.store.readAll({ after: position - 1, maxCount: 1 });
        if (this.hashes.size > 10_000) this.hashes.clear();
        this.hashes.set(position, event && event.position === position ? event.hash : null);
      }),
    );
    return new Map(positions.map((p) => [p, this.hashes.get(p) ?? null]));
  }
}

/** Every `position` in a row (its we-did items, decisions, links, actions): the ones that need a hash. */
export function positionsIn(value: unknown, into: number[] = []): number[] {
  if (Array.isArray(value)) for (const v of value) positionsIn(v, into);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.position === 'number' && typeof record.recorded_at === 'string') into.push(record.position);
    for (const [key, v] of Object.entries(record)) if (key !== 'position') positionsIn(v, into);
  }
  return into;
}

/** The row with a `hash` beside every recorded position. */
export function withHashes<T>(value: T, hashes: ReadonlyMap<number, string | null>): T {
  if (Array.isArray(value)) return value.map((v) => withHashes(v, hashes)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withHashes(v, hashes)]));
  if (typeof record.position === 'number' && typeof record.recorded_at === 'string') out.hash = hashes.get(record.position) ?? null;
  return out as T;
}
