// Garbage-collection pauses seen while a piece of the bench runs (perf_hooks 'gc' entries).

import { PerformanceObserver } from 'node:perf_hooks';

/** GC pauses while `run` runs: count, total and longest, ms. */
export async function withGc<T>(run: () => Promise<T>): Promise<{ result: T; gc: { count: number; totalMs: number; maxMs: number } }> {
  const gc = { count: 0, totalMs: 0, maxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const result = await run();
  // Entries are delivered asynchronously: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { result, gc };
}
