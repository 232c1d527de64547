// A deterministic generator of valid ledgers, for tests and benchmarks (10k to 1M events):
// the same seed and size always give the same events, ids included.

import type { EventStore } from '../store/port.js';
import { LedgerWorld, type GenerateOptions, type GeneratedAppend } from './world.js';

export type { GenerateOptions, GeneratedAppend, OperationName } from './world.js';
export { defaultWeights } from './world.js';

/** The appends of a generated ledger, in a valid order. A generator: a million events never sit in memory at once. */
export function generateLedger(options: GenerateOptions): Generator<GeneratedAppend> {
  return new LedgerWorld(options).appends();
}

export interface AppendGeneratedOptions extends GenerateOptions {
  /**
   * Appends sent together before waiting for them (never two to one stream): with SQLite they
   * share one transaction (group commit). Default 256. With 1, the log order is exactly the
   * generation order; with more, an adapter that commits concurrent appends in any order
   * (EventStoreDB) may interleave the streams of one window differently.
   */
  window?: number;
}

/** Append a generated ledger to a store, checking every stream's expected revision. Returns the number of events. */
export async function appendGenerated(
  store: EventStore,
  options: AppendGeneratedOptions,
  onProgress?: (appended: number, total: number) => void,
): Promise<number> {
  const window = options.window ?? 256;
  let appended = 0;
  let pending: GeneratedAppend[] = [];
  const streams = new Set<string>();
  const flush = async () => {
    await Promise.all(pending.map((a) => store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision })));
    for (const a of pending) appended += a.events.length;
    pending = [];
    streams.clear();
    onProgress?.(appended, options.events);
  };
  for (const append of generateLedger(options)) {
    if (streams.has(append.streamId) || pending.length >= window) await flush();
    pending.push(append);
    streams.add(append.streamId);
  }
  if (pending.length > 0) await flush();
  return appended;
}
