// The storage limits: raw better-sqlite3 batched inserts of the rows the batch route
// writes, and raw read-and-parse of the main ledger's log. Each in a child process.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../lib/child.js';
import type { CachedLedger } from '../lib/ledger-cache.js';
import type { Profile } from '../lib/profile.js';
import { median, repeat } from '../lib/stats.js';

export interface RawRate {
  eventsPerSec: number;
  seconds: number;
}

/** Raw inserts: as many rows as one run of the batch route writes, in transactions of 1,000. */
export async function measureRawInsert(profile: Profile): Promise<number> {
  const rows = profile.http.batchPosts * profile.http.batchResponses;
  const rates = await repeat(profile.runs, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-raw-'));
    try {
      const { result } = await runChild<unknown, RawRate>('raw-insert', { path: join(dir, 'raw.db'), rows, batch: 1_000, streams: profile.http.activities });
      return result.eventsPerSec;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return median(rates);
}

/** Raw read: SELECT every row of the ledger in order, JSON.parse each data. */
export async function measureRawRead(profile: Profile, ledger: CachedLedger): Promise<number> {
  const rates = await repeat(profile.runs, async () => (await runChild<unknown, RawRate>('read-parse', { path: ledger.path })).result.eventsPerSec);
  return median(rates);
}
