// Child, the storage limit: better-sqlite3 on its own, no ledger code. The same rows the
// ledger stores for survey responses (stream, revision, id, type, JSON data and metadata,
// with the same primary key and unique constraints), WAL, synchronous=FULL, one transaction
// per batch. JSON.stringify of each row is inside the timing: any writer pays it.

import Database from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import { childMain } from '../lib/child.js';
import { responseData, responseMetadata } from '../lib/feedback.js';

export interface RawInsertInput {
  path: string;
  rows: number;
  batch: number;
  /** Rows go to this many streams in turn, a batch to one stream (as a survey's responses are). */
  streams: number;
}

await childMain(async ({ path, rows, batch, streams }: RawInsertInput) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const newId = monotonicFactory();
  const revisions = new Map<string, number>();
  let position = 0;
  const writeBatch = db.transaction((stream: string, count: number) => {
    let revision = revisions.get(stream) ?? -1;
    const at = new Date().toISOString();
    const metadata = JSON.stringify(responseMetadata(at, newId()));
    for (let i = 0; i < count; i++) {
      const id = newId();
      position++;
      revision++;
      insert.run(position, stream, revision, id, 'FeedbackReceived', 2, JSON.stringify(responseData(stream, id, position)), metadata);
    }
    revisions.set(stream, revision);
  });
  const started = performance.now();
  for (let done = 0, b = 0; done < rows; b++) {
    const count = Math.min(batch, rows - done);
    writeBatch(`activity-bench-${b % streams}`, count);
    done += count;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { rows, seconds, eventsPerSec: rows / seconds };
});
