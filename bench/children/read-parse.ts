// Child, the read limit: every row of a ledger's log, in order, with its data parsed,
// by better-sqlite3 alone. A rebuild cannot read the log faster than this.

import Database from 'better-sqlite3';
import { childMain } from '../lib/child.js';

await childMain(async ({ path }: { path: string }) => {
  const db = new Database(path, { readonly: true });
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  for (const row of db.prepare<[], { data: string }>('SELECT * FROM events ORDER BY position').iterate()) {
    const data = JSON.parse(row.data) as object;
    if (data) rows++;
    bytes += row.data.length;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { rows, bytes, seconds, eventsPerSec: rows / seconds };
});
